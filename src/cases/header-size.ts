/**
 * Cross-cutting cases: very large credential headers (64 KiB): 431 or 400 past the server's limit,
 * or 401 from a server that reads the value (RFC 9110 §5.4 sets no limit: Go, Caddy and h2o
 * read 64 KiB), which names no identity — as the size ladder (credential-sizes.ts) accepts up
 * to 32 KiB — never a 5xx or a crash.
 */
import { EVERY_PROFILE, V3IO_ONLY, type HttpCase } from './model.js';
import { httpCaseBuilder, sharing } from './case-builder.js';
import { request } from './operations.js';
import { sessionKey, authorization, sigv4 } from './cross-cutting-headers.js';

const httpCase = httpCaseBuilder({ form: 'cross-cutting', profiles: V3IO_ONLY, requirements: ['cross-cutting'] });

/** Past a parser's limit 431 (RFC 6585 §5) or 400; read, the value names no identity: 401. */
const SIZE_STATUSES = [431, 400, 401] as const;

const oversized = sharing(httpCase, { family: 'size', requirement: 'size', expect: { outcome: 'reject', statuses: SIZE_STATUSES } });

export const HEADER_SIZE_CASES: readonly HttpCase[] = [
  // Size limits.
  oversized({
    id: 'cross-huge-session-key',
    title: 'rejects a 64 KiB X-v3io-session-key value with 431, 400 or 401',
    request: request('get-object', [sessionKey('{{hugeKey}}')]),
    derive: [{ name: 'hugeKey', from: '{{accessKey}}', apply: [{ op: 'repeat-to-length', length: 65536 }] }],
  }),
  oversized({
    id: 'cross-huge-basic-token',
    profiles: EVERY_PROFILE,
    title: 'rejects a 64 KiB Basic token with 431, 400 or 401',
    request: request('get-object', [authorization('Basic {{hugeToken}}')]),
    derive: [
      {
        name: 'hugeToken',
        from: '{{username}}:{{password}}',
        apply: [{ op: 'repeat-to-length', length: 49152 }, { op: 'base64' }],
      },
    ],
  }),
  oversized({
    id: 'cross-huge-sigv4-credential',
    title: 'rejects a SigV4 Authorization with a 64 KiB key with 431, 400 or 401',
    request: request('get-object', [sigv4('{{hugeKey}}')]),
    derive: [{ name: 'hugeKey', from: '{{accessKey}}', apply: [{ op: 'repeat-to-length', length: 65536 }] }],
  }),
];
