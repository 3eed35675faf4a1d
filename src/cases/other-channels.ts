/**
 * Cross-cutting cases: channels the seed does not define: Proxy-Authorization, an underscored header name, the query string, cookies.
 */
import { EVERY_PROFILE, V3IO_ONLY, type HttpCase, type HeaderLine } from './model.js';
import { httpCaseBuilder } from './case-builder.js';
import { request } from './operations.js';
import { BASIC_TOKEN, SEED_BASIC as BASIC, SEED_S3 as S3_LIKE, SEED_SESSION_KEY as SESSION_KEY } from './credentials.js';
import { UNAUTHORIZED } from './cross-cutting-headers.js';

const httpCase = httpCaseBuilder({ form: 'cross-cutting', profiles: V3IO_ONLY, requirements: ['cross-cutting'] });

const OBJECT_PATH = '/{{container}}/{{fixtureObject}}';

function otherChannel(
  id: string,
  title: string,
  credentials: readonly HeaderLine[],
  sources: readonly string[],
  path?: string,
): HttpCase {
  return httpCase({
    id: `cross-${id}`,
    family: 'other-channel',
    title,
    requirement: 'otherChannel',
    sources,
    request: request('get-object', credentials, path === undefined ? {} : { path }),
    expect: { outcome: 'unauthenticated' },
  });
}

export const OTHER_CHANNEL_CASES: readonly HttpCase[] = [
  // Channels the seed does not define.
  httpCase({
    id: 'cross-proxy-authorization-basic',
    profiles: EVERY_PROFILE,
    family: 'other-channel',
    title: 'rejects valid Basic credentials sent only in Proxy-Authorization',
    requirement: 'proxy',
    sources: [BASIC, 'RFC 9110 §11.7.2', UNAUTHORIZED],
    request: request('get-object', [['Proxy-Authorization', 'Basic {{basicToken}}']]),
    derive: [BASIC_TOKEN],
    expect: { outcome: 'unauthenticated' },
  }),
  httpCase({
    id: 'cross-proxy-authorization-session-key',
    family: 'other-channel',
    title: 'rejects a valid access key sent only in Proxy-Authorization',
    requirement: 'proxy',
    sources: [SESSION_KEY, 'RFC 9110 §11.7.2', UNAUTHORIZED],
    request: request('get-object', [['Proxy-Authorization', '{{accessKey}}']]),
    expect: { outcome: 'unauthenticated' },
  }),
  otherChannel(
    'underscore-header-name',
    'rejects a valid access key in an X_v3io_session_key header (underscores)',
    [['X_v3io_session_key', '{{accessKey}}']],
    [SESSION_KEY, 'RFC 9110 §17.10'],
  ),
  otherChannel(
    'query-session-key',
    'rejects a valid access key in the query parameter X-v3io-session-key',
    [],
    [SESSION_KEY, 'RFC 9110 §17.9', 'OWASP REST Security Cheat Sheet'],
    `${OBJECT_PATH}?X-v3io-session-key={{accessKey}}`,
  ),
  otherChannel(
    'query-access-key',
    'rejects a valid access key in the query parameter access_key',
    [],
    [SESSION_KEY, 'RFC 9110 §17.9', 'OWASP REST Security Cheat Sheet'],
    `${OBJECT_PATH}?access_key={{accessKey}}`,
  ),
  otherChannel(
    'query-presigned-sigv4',
    'rejects a valid access key in a SigV4 presigned-URL query (X-Amz-Credential)',
    [],
    [S3_LIKE, 'RFC 9110 §17.9', 'OWASP REST Security Cheat Sheet'],
    `${OBJECT_PATH}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={{accessKey}}%2F20240115%2Fus-east-1%2Fs3%2Faws4_request` +
      '&X-Amz-Date=20240115T120000Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host' +
      '&X-Amz-Signature=9c1f4e2a7b3d5c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a',
  ),
  otherChannel(
    'query-presigned-sigv2',
    'rejects a valid access key in a SigV2 presigned-URL query (AWSAccessKeyId)',
    [],
    [S3_LIKE, 'RFC 9110 §17.9', 'OWASP REST Security Cheat Sheet'],
    `${OBJECT_PATH}?AWSAccessKeyId={{accessKey}}&Expires=1893456000&Signature=Vb3bM1v6sB5rT0k2Yq9xWn4hJcE%3D`,
  ),
  otherChannel(
    'cookie-session-key',
    'rejects a valid access key in a cookie',
    [['Cookie', 'X-v3io-session-key={{accessKey}}']],
    [SESSION_KEY, 'OWASP REST Security Cheat Sheet'],
  ),
];
