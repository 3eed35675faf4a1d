/**
 * An oracle for "which identity, if any, may this request authenticate as", written independently
 * of the reference's parsers and much simpler than them: for each identity, the exact header values
 * the requirements accept, plus the variations they allow (header name and scheme in any letter
 * case, whitespace around the value, several spaces after the scheme, any SigV2 signature), as
 * regular expressions over the whole value.
 *
 * It answers two things. `must`: the request is one of those values, so the reference must accept
 * it as that identity. `may`: the only identity the reference may accept it as. They differ for
 * SigV4 only, whose other elements (signature, scope, any extra parameter) are ignored: there the
 * oracle requires a `Credential=<key>/` element, at the start of the parameters or after a comma,
 * and lets the parser decide about the rest.
 */
import type { Identity } from '../../src/cases/reference-identities.js';

export type HeaderLine = readonly [name: string, value: string];

export interface Verdict {
  /** The identity the request must be accepted as. */
  readonly must?: string;
  /** The only identity the request may be accepted as (`must` implies `may`). */
  readonly may?: string;
}

/** The canonical SigV4 header's fixed parts, as the AWS SDKs send it. */
export const SIGV4_SCOPE = '20190422/us-east-1/s3/aws4_request';
export const SIGV4_SIGNED_HEADERS = 'host;x-amz-content-sha256;x-amz-date';
export const SIGV4_SIGNATURE = '4708b8682367fff1ba5d33662a6a7bdbefa743b52e4744aedbd919ca73ce70f5';

/** Every valid credential line of an identity, in canonical form: the seeds the fuzzer mutates. */
export function validLines(identity: Identity): HeaderLine[] {
  const key = identity.accessKey;
  const sigv4 = (separator: string): string =>
    `AWS4-HMAC-SHA256 Credential=${key}/${SIGV4_SCOPE}${separator}SignedHeaders=${SIGV4_SIGNED_HEADERS}${separator}Signature=${SIGV4_SIGNATURE}`;
  return [
    ['X-v3io-session-key', key],
    ['Authorization', sigv4(', ')],
    ['Authorization', sigv4(',')],
    ['Authorization', `AWS ${key}:frJIUN8DYpKDtOLCwo//yllqDzg=`],
    ['Authorization', `Basic ${Buffer.from(`${identity.username}:${identity.password}`, 'utf8').toString('base64')}`],
  ];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** A literal matched in any ASCII letter case, and nothing else. */
function anyCase(literal: string): string {
  return [...literal].map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escape(c))).join('');
}

const OWS = '[ \\t]*';

interface IdentityPatterns {
  readonly name: string;
  readonly sessionKey: RegExp;
  /** Authorization values that must be accepted. */
  readonly mustAuthorization: readonly RegExp[];
  /** Authorization values that may be accepted (a superset of the above). */
  readonly mayAuthorization: readonly RegExp[];
}

function patternsOf(identity: Identity): IdentityPatterns {
  const key = escape(identity.accessKey);
  const token = escape(Buffer.from(`${identity.username}:${identity.password}`, 'utf8').toString('base64'));
  const basic = new RegExp(`^${OWS}${anyCase('basic')} +${token}${OWS}$`);
  const sigv2 = new RegExp(`^${OWS}${anyCase('aws')} +${key}:`);
  const sigv4 = new RegExp(
    `^${OWS}${anyCase('aws4-hmac-sha256')} +${anyCase('credential')}=${key}/${escape(SIGV4_SCOPE)}, ?` +
      `${anyCase('signedheaders')}=${escape(SIGV4_SIGNED_HEADERS)}, ?${anyCase('signature')}=${SIGV4_SIGNATURE}${OWS}$`,
  );
  const anySigv4 = new RegExp(`^${OWS}${anyCase('aws4-')}[^ ]* +(?:[^]*,)?${OWS}${anyCase('credential')}${OWS}=${OWS}${key}/`);
  return {
    name: identity.name,
    sessionKey: new RegExp(`^${OWS}${key}${OWS}$`),
    mustAuthorization: [basic, sigv2, sigv4],
    mayAuthorization: [basic, sigv2, anySigv4],
  };
}

function asciiLowerCase(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export interface CredentialOracle {
  judge(lines: readonly HeaderLine[]): Verdict;
}

export function credentialOracle(identities: readonly Identity[]): CredentialOracle {
  const patterns = identities.map(patternsOf);
  const find = (value: string, pick: (p: IdentityPatterns) => readonly RegExp[]): string | undefined =>
    patterns.find((p) => pick(p).some((pattern) => pattern.test(value)))?.name;

  function judgeLine(name: 'authorization' | 'x-v3io-session-key', value: string): Verdict {
    if (name === 'x-v3io-session-key') {
      const who = find(value, (p) => [p.sessionKey]);
      return { must: who, may: who };
    }
    return { must: find(value, (p) => p.mustAuthorization), may: find(value, (p) => p.mayAuthorization) };
  }

  return {
    judge(lines) {
      const authorization = lines.filter(([name]) => asciiLowerCase(name) === 'authorization');
      const sessionKey = lines.filter(([name]) => asciiLowerCase(name) === 'x-v3io-session-key');
      // Two lines of one credential header, or none at all: never accepted.
      if (authorization.length > 1 || sessionKey.length > 1) return {};
      const verdicts = [...authorization.map(([, value]) => judgeLine('authorization', value)), ...sessionKey.map(([, value]) => judgeLine('x-v3io-session-key', value))];
      if (verdicts.length === 0) return {};
      const [first, second] = verdicts as [Verdict, Verdict | undefined];
      if (!second) return first;
      // Both headers: accepted only when both name the same identity.
      return {
        must: first.must !== undefined && first.must === second.must ? first.must : undefined,
        may: first.may !== undefined && first.may === second.may ? first.may : undefined,
      };
    },
  };
}
