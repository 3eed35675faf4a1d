/**
 * A ladder of credential sizes for each credential header: 1 to 32 KiB, from values application
 * code handles to values past common parser limits (8 KiB in nginx and Apache httpd, 16 KiB in
 * Node.js). One size (the 64 KiB cases of header-size.ts) tests only the parser; the band where
 * application code first sees the value — a fixed buffer, a decoder, a database column — is where
 * servers answer 500. At every size the value names no identity: the answer is 401 while the
 * parser takes it, 431 or 400 past its limit, and never a 5xx.
 *
 * Level: MUST (auth-requirements.md: a deviation that crashes or answers 5xx).
 */
import { EVERY_PROFILE, V3IO_ONLY, type HttpCase, type Derivation, type HeaderLine, type ProfileId } from './model.js';
import { request } from './operations.js';
import { httpCaseBuilder } from './case-builder.js';

const KIB = 1024;
/** Sizes of the header value, in KiB. */
const SIZES_KIB = [1, 2, 4, 8, 16, 32] as const;
const STATUSES = [401, 431, 400] as const;
const httpCase = httpCaseBuilder({ form: 'cross-cutting', profiles: V3IO_ONLY, requirements: ['credential-sizes'] });
const SIGV4_PREFIX = 'AWS4-HMAC-SHA256 Credential=';
const SIGV4_SUFFIX = '/20240115/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0';
const SIGV2_PREFIX = 'AWS ';
const SIGV2_SUFFIX = ':Vb3bM1v6sB5rT0k2Yq9xWn4hJcE=';

interface Carrier {
  readonly id: string;
  readonly what: string;
  readonly profiles: readonly ProfileId[];
  /** The header line for a value of `bytes` bytes, and how its long part is derived. */
  readonly line: (bytes: number) => { readonly header: HeaderLine; readonly derive: Derivation };
}

const CARRIERS: readonly Carrier[] = [
  {
    id: 'session-key',
    what: 'X-v3io-session-key value',
    profiles: V3IO_ONLY,
    line: (bytes) => ({
      header: ['X-v3io-session-key', '{{longKey}}'],
      // The main key repeated: the right alphabet, no identity's key.
      derive: { name: 'longKey', from: '{{accessKey}}', apply: [{ op: 'repeat-to-length', length: bytes }] },
    }),
  },
  {
    id: 'basic',
    what: 'Basic token',
    profiles: EVERY_PROFILE,
    line: (bytes) => ({
      header: ['Authorization', 'Basic {{longToken}}'],
      // "user:password" repeated, then Base64: the user's name with a password that is not theirs.
      derive: {
        name: 'longToken',
        from: '{{username}}:{{password}}',
        apply: [{ op: 'repeat-to-length', length: Math.floor((bytes - 'Basic '.length) / 4) * 3 }, { op: 'base64' }],
      },
    }),
  },
  {
    id: 'sigv4',
    what: 'SigV4 Authorization value',
    profiles: V3IO_ONLY,
    line: (bytes) => ({
      header: ['Authorization', `${SIGV4_PREFIX}{{longKey}}${SIGV4_SUFFIX}`],
      derive: { name: 'longKey', from: '{{accessKey}}', apply: [{ op: 'repeat-to-length', length: bytes - SIGV4_PREFIX.length - SIGV4_SUFFIX.length }] },
    }),
  },
  {
    id: 'sigv2',
    what: 'SigV2 Authorization value',
    profiles: V3IO_ONLY,
    line: (bytes) => ({
      header: ['Authorization', `${SIGV2_PREFIX}{{longKey}}${SIGV2_SUFFIX}`],
      derive: { name: 'longKey', from: '{{accessKey}}', apply: [{ op: 'repeat-to-length', length: bytes - SIGV2_PREFIX.length - SIGV2_SUFFIX.length }] },
    }),
  },
];

function sizeCase(carrier: Carrier, kib: number): HttpCase {
  const { header, derive } = carrier.line(kib * KIB);
  return httpCase({
    id: `cross-size-${carrier.id}-${kib}-kib`,
    profiles: carrier.profiles,
    family: 'size-ladder',
    title: `rejects a ${kib} KiB ${carrier.what} without a 5xx (401, or 431 or 400 past the limit)`,
    requirement: 'anySize',
    request: request('get-object', [header]),
    derive: [derive],
    expect: { outcome: 'reject', statuses: STATUSES },
  });
}

export const CREDENTIAL_SIZE_CASES: readonly HttpCase[] = CARRIERS.flatMap((carrier) => SIZES_KIB.map((kib) => sizeCase(carrier, kib)));
