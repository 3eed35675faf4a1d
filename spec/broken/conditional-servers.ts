/**
 * Broken servers with a layer in front of authentication that answers what the request asks for
 * less than the whole answer: a precondition or a byte range (RFC 9110 §13, §14), the way a cache
 * or static-file layer placed before the auth check does. Caught by conditional-requests.ts.
 */
import { REFERENCE_IDENTITIES } from '../../src/cases/reference-identities.js';
import { authenticatedAs, overridingDecision, rewritingResponses, valuesOf } from './building-blocks.js';
import type { BrokenVariant } from './variants.js';

export const CONDITIONAL_VARIANTS: readonly BrokenVariant[] = [
  {
    id: 'preconditions-before-authentication',
    deviation: 'evaluates If-None-Match and If-Modified-Since before authenticating: a conditional GET without credentials gets 304 (the object exists, unchanged) instead of 401',
    level: 'must',
    caughtBy: ['cross-conditional-if-none-match-any-without-credentials', 'cross-conditional-if-modified-since-without-credentials'],
    reference: () =>
      rewritingResponses((response, request) => {
        const conditional = ['if-none-match', 'if-modified-since'].some((name) => valuesOf(request.rawHeaders, name).length > 0);
        return request.method === 'GET' && conditional && response.status === 401 ? { status: 304, headers: {}, body: Buffer.alloc(0) } : response;
      }),
  },
  {
    id: 'range-before-authentication',
    deviation: 'serves a byte range (206) of an object before authenticating, as a static-file layer in front of the auth check does',
    level: 'must',
    caughtBy: ['cross-conditional-range-without-credentials'],
    reference: () =>
      overridingDecision((request, decision) =>
        decision.kind === 'rejected' && request.method === 'GET' && valuesOf(request.rawHeaders, 'range').length > 0 ? authenticatedAs(REFERENCE_IDENTITIES.main) : undefined,
      ),
  },
];
