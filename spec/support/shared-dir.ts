/**
 * The project's shared folder — the requirements, the seed page, the copies of the official SDKs —
 * which lives beside the checkout (`../shared`). `V3IO_SHARED_DIR` names it instead: `.ci/run`
 * sets it for a clone made elsewhere (`git clone . /tmp/ci-check`), from where it was cloned.
 */
import { join } from 'node:path';
import { packageRoot } from '../../src/package-info.js';

export function sharedDir(...parts: string[]): string {
  return join(process.env.V3IO_SHARED_DIR || join(packageRoot(), '..', 'shared'), ...parts);
}
