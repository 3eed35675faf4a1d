/** `conformance.json`: the run report as JSON, format described by `report-schema.ts`. */
import type { Reporter } from './run-report.js';

export const jsonReporter: Reporter = {
  name: 'json',
  fileName: 'conformance.json',
  render: (report) => `${JSON.stringify(report, null, 2)}\n`,
};
