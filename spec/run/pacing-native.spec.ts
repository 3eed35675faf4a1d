/**
 * Pacing with the native engine: a slow correct server judged twice (spec/run/slow-server-runs.ts).
 * Nothing here asserts on durations: on outcomes and on what the report recorded.
 */
import { describeSlowServerRuns } from './slow-server-runs.js';

describe('pacing, native engine', function () {
  this.timeout(180_000);
  describeSlowServerRuns('native');
});
