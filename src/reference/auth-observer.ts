/**
 * Lets the served reference name, in its request log, the identity a request authenticated as,
 * without authenticating twice: the reference's `authenticate` is wrapped and its last decision
 * kept. `handle` is synchronous, so the decision read right after it is that request's.
 */
import { authenticate, type AuthFn } from './auth.js';

export interface AuthObserver {
  /** Pass this to `createReference({ authenticate })`. */
  readonly authenticate: AuthFn;
  /** The name of the identity the last call authenticated (`undefined`: rejected, or no call), then forgets it. */
  take(): string | undefined;
}

export function observeAuthentication(inner: AuthFn = authenticate): AuthObserver {
  let last: string | undefined;
  return {
    authenticate(request, directory) {
      const decision = inner(request, directory);
      last = decision.kind === 'authenticated' ? decision.identity.name : undefined;
      return decision;
    },
    take() {
      const name = last;
      last = undefined;
      return name;
    },
  };
}
