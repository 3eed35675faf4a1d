/**
 * Cross-cutting cases: authorization values the server must not take as credentials: schemes it does not support, an empty value.
 */
import { EVERY_PROFILE, V3IO_ONLY, type HttpCase, type ProfileId } from './model.js';
import { httpCaseBuilder } from './case-builder.js';
import { request } from './operations.js';
import { authorization } from './cross-cutting-headers.js';

const httpCase = httpCaseBuilder({ form: 'cross-cutting', profiles: EVERY_PROFILE, requirements: ['cross-cutting'] });

/** `profiles`: a scheme carrying a V3IO access key means nothing to a generic Basic server. */
function unsupportedScheme(id: string, title: string, value: string, profiles: readonly ProfileId[] = EVERY_PROFILE): HttpCase {
  return httpCase({
    id: `cross-unsupported-scheme-${id}`,
    profiles,
    family: 'unsupported-scheme',
    title,
    requirement: 'unsupportedScheme',
    request: request('get-object', [authorization(value)]),
    expect: { outcome: 'unauthenticated' },
  });
}

export const UNSUPPORTED_SCHEME_CASES: readonly HttpCase[] = [
  // Authorization schemes the server does not support.
  unsupportedScheme('bearer-access-key', 'rejects a valid access key as a Bearer token', 'Bearer {{accessKey}}', V3IO_ONLY),
  unsupportedScheme('bearer', 'rejects an arbitrary Bearer token', 'Bearer x'),
  unsupportedScheme(
    'digest',
    'rejects Digest credentials',
    'Digest username="{{username}}", realm="v3io", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/", ' +
      'response="6629fae49393a05397450978507c4ef1", qop=auth, nc=00000001, cnonce="0a4f113b"',
  ),
  unsupportedScheme('negotiate', 'rejects Negotiate credentials', 'Negotiate YIIBhwYGKwYBBQUCoIIBezCCAXegDTALBgkqhkiG9xIBAgI='),
  unsupportedScheme('unknown', 'rejects the unknown scheme HAHAHA', 'HAHAHA'),
  unsupportedScheme('key-without-scheme', 'rejects a valid access key as the whole Authorization value', '{{accessKey}}', V3IO_ONLY),
  httpCase({
    id: 'cross-empty-authorization',
    family: 'empty-credential',
    title: 'rejects an empty Authorization value',
    requirement: 'emptyAuthorization',
    request: request('get-object', [authorization('')]),
    expect: { outcome: 'unauthenticated' },
  }),
];
