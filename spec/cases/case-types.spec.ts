/**
 * The case types refuse wrong cases at compile time: each `@ts-expect-error` below fails the build
 * (tsc reports an unused directive) the day the type accepts what it marks.
 */
import { expect } from 'chai';

import type { Expectation } from '../../src/cases/model.js';

describe('case types', () => {
  it('refuse rejection statuses and same-response comparisons on an accept expectation', () => {
    // @ts-expect-error an accept expectation carries no rejection statuses
    const withStatuses: Expectation = { outcome: 'accept', statuses: [401] };
    // @ts-expect-error an accept expectation is compared with no second response
    const withSameResponse: Expectation = { outcome: 'accept', sameResponseAs: { headers: [] } };
    const rejection: Expectation = { outcome: 'unauthenticated', statuses: [401], sameResponseAs: { headers: [] } };
    expect([withStatuses, withSameResponse, rejection].map((e) => e.outcome)).to.deep.equal(['accept', 'accept', 'unauthenticated']);
  });
});
