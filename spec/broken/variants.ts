/**
 * Deliberately broken variants of the reference: each is one documented deviation from
 * auth-requirements.md. The suite must catch every one of them.
 */
import { authenticate, type AuthFn } from '../../src/reference/auth.js';
import { createReference, type Reference } from '../../src/reference/handler.js';
import { REFERENCE_IDENTITIES } from '../../src/reference/identities.js';

export interface BrokenVariant {
  readonly id: string;
  /** The deviation, as a reader of auth-requirements.md would name it. */
  readonly deviation: string;
  /** The level of the requirement it breaks: a MUST deviation fails the run (exit 1). */
  readonly level: 'must' | 'should';
  /** Cases that must fail against it (at least these; others may fail too). */
  readonly caughtBy: readonly string[];
  readonly reference: () => Reference;
}

/** Rewrites every header line whose name matches, then calls the real authentication. */
function rewritingHeaders(name: string, rewrite: (value: string) => string): AuthFn {
  return (request, directory) => {
    const rawHeaders = request.rawHeaders.map((item, index) =>
      index % 2 === 1 && request.rawHeaders[index - 1]?.toLowerCase() === name ? rewrite(item) : item,
    );
    return authenticate({ ...request, rawHeaders }, directory);
  };
}

/**
 * A server that carries out a write and only then authenticates: the data changes, the answer is
 * still the right rejection (that of a correct reference, which rejects before touching data).
 */
function writingBeforeAuthenticating(): Reference {
  const writes = new Set(['PUT', 'POST', 'DELETE']);
  let rejected = false;
  const sloppy = createReference({
    authenticate: (request, directory) => {
      const decision = authenticate(request, directory);
      rejected = decision.kind === 'rejected';
      return rejected && writes.has(request.method) ? { kind: 'authenticated', identity: REFERENCE_IDENTITIES.main, form: 'session-key' } : decision;
    },
  });
  // Answers the rejections: it never gets past authentication, so its own data stays untouched.
  const correct = createReference();
  return {
    handle: (request) => {
      rejected = false;
      const answer = sloppy.handle(request);
      return rejected ? correct.handle(request) : answer;
    },
  };
}

/** The values of the credential header lines a request carries. */
function credentialValues(rawHeaders: readonly string[]): string[] {
  const names = new Set(['x-v3io-session-key', 'authorization', 'proxy-authorization', 'cookie']);
  return rawHeaders.flatMap((item, i) => (i % 2 === 1 && names.has(rawHeaders[i - 1]?.toLowerCase() ?? '') ? [item] : []));
}

/** A server whose error bodies quote the credentials the request presented ("unknown key <key>"). */
function echoingCredentials(): Reference {
  const inner = createReference();
  return {
    handle: (request) => {
      const response = inner.handle(request);
      if (response.status < 400 || request.method === 'HEAD') return response;
      const presented = credentialValues(request.rawHeaders);
      if (presented.length === 0) return response;
      const body = Buffer.from(JSON.stringify({ ErrorCode: -13, ErrorMessage: `Authentication failed for ${presented.join(' / ')}` }), 'utf8');
      return { status: response.status, headers: { ...response.headers, 'Content-Length': String(body.length) }, body };
    },
  };
}

/** Base64 the way lenient decoders read it: drop what is not in the alphabet, pad as needed. */
function lenientBasic(value: string): string {
  const match = /^(\s*basic\s+)(.*)$/i.exec(value);
  if (!match) return value;
  let token = (match[2] ?? '').replace(/[^A-Za-z0-9+/]/g, '');
  if (token.length % 4 === 1) token = token.slice(0, -1);
  while (token.length % 4 !== 0) token += '=';
  return `${match[1]}${token}`;
}

export const BROKEN_VARIANTS: readonly BrokenVariant[] = [
  {
    id: 'accepts-any-session-key',
    deviation: 'accepts any non-empty X-v3io-session-key as the main user',
    level: 'must',
    caughtBy: ['session-key-unknown-key'],
    reference: () =>
      createReference({
        authenticate: (request, directory) => {
          const decision = authenticate(request, directory);
          const hasKey = request.rawHeaders.some((item, i) => i % 2 === 0 && item.toLowerCase() === 'x-v3io-session-key' && request.rawHeaders[i + 1]?.trim());
          return decision.kind === 'rejected' && hasKey ? { kind: 'authenticated', identity: REFERENCE_IDENTITIES.main, form: 'session-key' } : decision;
        },
      }),
  },
  {
    id: 'no-challenge',
    deviation: 'answers 401 without a WWW-Authenticate challenge',
    level: 'must',
    caughtBy: ['session-key-unknown-key', 'cross-no-credentials-get-object'],
    reference: () => {
      const inner = createReference();
      return {
        handle: (request) => {
          const response = inner.handle(request);
          const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => name.toLowerCase() !== 'www-authenticate'));
          return { ...response, headers };
        },
      };
    },
  },
  {
    id: 'lenient-base64',
    deviation: 'decodes Basic credentials leniently (skips characters outside the Base64 alphabet, adds missing padding)',
    level: 'should',
    caughtBy: ['basic-token-with-junk-appended', 'basic-token-with-base64url-characters', 'basic-token-with-extra-padding', 'basic-token-unpadded'],
    reference: () => createReference({ authenticate: rewritingHeaders('authorization', lenientBasic) }),
  },
  {
    id: 'echoes-credential-in-error',
    deviation: 'quotes the presented credentials in its error bodies',
    level: 'must',
    caughtBy: ['cross-denied-session-key-get-object', 'basic-wrong-password'],
    reference: echoingCredentials,
  },
  {
    id: 'writes-before-authenticating',
    deviation: 'carries out PUT, POST and DELETE requests before authenticating them (the answer is still the right 401)',
    level: 'must',
    caughtBy: ['cross-unknown-key-put-object', 'cross-no-credentials-post-object', 'cross-unknown-key-delete-object', 'cross-no-credentials-put-item', 'cross-unknown-key-update-item', 'cross-no-credentials-create-stream', 'cross-unknown-key-update-stream', 'cross-no-credentials-put-records'],
    reference: writingBeforeAuthenticating,
  },
];
