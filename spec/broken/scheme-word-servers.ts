/**
 * Broken servers that read the scheme word of a credential loosely: each takes a valid credential
 * under a word the seed does not define for it, the way real servers were found to (HAProxy 2.6
 * `http-request auth`, Flask-HTTPAuth 4.5). Each rewrites the word it wrongly takes into the right
 * one and then authenticates as the reference does, so everything else stays correct.
 */
import { rewritingLines, rewritingValues } from './building-blocks.js';
import type { BrokenVariant } from './variants.js';

/** `<scheme> <rest>` of an Authorization value (leading whitespace dropped); undefined for one word. */
function splitScheme(value: string): { scheme: string; rest: string } | undefined {
  const match = /^\s*(\S+)\s+(.*)$/s.exec(value);
  return match ? { scheme: match[1]!, rest: match[2]! } : undefined;
}

/** Rewrites the scheme word of every Authorization value where `replace` returns one. */
function rewritingScheme(replace: (scheme: string) => string | undefined) {
  return rewritingValues('authorization', (value) => {
    const parts = splitScheme(value);
    const scheme = parts && replace(parts.scheme);
    return parts && scheme ? `${scheme} ${parts.rest}` : value;
  });
}

/** The schemes the seed defines, as a correct server matches them (RFC 9110 §11.1: in any letter case). */
const isSeedScheme = (scheme: string): boolean => /^(basic|aws|aws4-.+)$/i.test(scheme);

export const SCHEME_WORD_VARIANTS: readonly BrokenVariant[] = [
  {
    id: 'basic-scheme-prefix-accepted',
    deviation: 'takes any prefix of the word Basic as the Basic scheme (`B <token>`, `Bas <token>`), as HAProxy 2.6 `http-request auth` does',
    level: 'must',
    caughtBy: ['basic-scheme-word-b', 'basic-scheme-word-bas'],
    // Compares only as many characters as the client sent, like a strncasecmp on the sent length.
    reference: () => rewritingScheme((scheme) => ('basic'.startsWith(scheme.toLowerCase()) ? 'Basic' : undefined)),
  },
  {
    id: 'any-scheme-word-accepted',
    deviation: 'reads the token after any scheme word as Basic credentials (`Bearer <token>`, `HAHAHA <token>`), as Flask-HTTPAuth 4.5 does',
    level: 'must',
    caughtBy: ['basic-scheme-word-bearer', 'basic-scheme-word-unknown'],
    reference: () => rewritingScheme((scheme) => (isSeedScheme(scheme) ? undefined : 'Basic')),
  },
  {
    id: 'basic-scheme-starts-with',
    deviation: "takes every scheme word that starts with Basic as Basic (`Basicx <token>`, `Basic- <token>`): a startsWith('Basic') instead of a match of the whole word",
    level: 'must',
    caughtBy: ['basic-scheme-word-basicx', 'basic-scheme-word-basic-dash', 'basic-scheme-word-basicbasic'],
    reference: () => rewritingScheme((scheme) => (/^basic/i.test(scheme) ? 'Basic' : undefined)),
  },
  {
    id: 'aws-scheme-starts-with',
    deviation: "tells the AWS syntaxes apart by a prefix of the scheme word: one that starts with AWS4 is SigV4 (`AWS4 Credential=...`), else one that starts with AWS is SigV2 (`AWSS <key>:<sig>`)",
    level: 'must',
    caughtBy: ['sigv4-scheme-word-aws4', 'sigv2-scheme-word-awss', 'sigv2-scheme-word-aws-dash'],
    reference: () => rewritingScheme((scheme) => (/^aws4/i.test(scheme) ? 'AWS4-HMAC-SHA256' : /^aws/i.test(scheme) ? 'AWS' : undefined)),
  },
  {
    id: 'sigv4-scheme-unanchored',
    deviation: 'recognises SigV4 by a regular expression without anchors (/AWS\\d-/), so `XAWS4-HMAC-SHA256` and `AWS5-HMAC-SHA256` are taken as AWS4-HMAC-SHA256',
    level: 'must',
    caughtBy: ['sigv4-scheme-word-prefixed', 'sigv4-scheme-word-aws5'],
    reference: () => rewritingScheme((scheme) => (/AWS\d-/i.test(scheme) ? 'AWS4-HMAC-SHA256' : undefined)),
  },
  {
    id: 'session-key-scheme-stripped',
    deviation: 'strips a scheme word in front of the X-v3io-session-key value (`Bearer <key>`, `Basic <key>`) and takes the key after it',
    level: 'must',
    caughtBy: ['session-key-scheme-word-bearer', 'session-key-scheme-word-basic', 'session-key-scheme-word-aws'],
    reference: () =>
      rewritingLines((lines) => lines.map(([n, v]) => (n.toLowerCase() === 'x-v3io-session-key' ? [n, splitScheme(v.trim())?.rest ?? v] : [n, v]))),
  },
];
