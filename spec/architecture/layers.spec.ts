/**
 * The folders of src/ are layers (.dependency-cruiser.cjs): a folder never imports one above it and
 * no module takes part in an import cycle. dependency-cruiser reads the TypeScript sources, so a new
 * back-edge fails here before it can land.
 */
import { expect } from 'chai';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { packageRoot } from '../../src/package-info.js';

const require = createRequire(import.meta.url);
const configuration = require(join(packageRoot(), '.dependency-cruiser.cjs')) as IConfiguration;

/** The rule violations of the tree under `root`, as `from → to (rule)` lines. */
async function violations(root: string): Promise<string[]> {
  const previous = process.cwd();
  process.chdir(root);
  try {
    const tsConfig = extractTSConfig(join(root, 'tsconfig.json'));
    const { output } = await cruise(['src'], { validate: true, ruleSet: configuration, ...configuration.options, outputType: 'json' }, {}, { tsConfig });
    const result = (typeof output === 'string' ? JSON.parse(output) : output) as ICruiseResult;
    return result.summary.violations.map((v) => `${v.from} → ${v.to} (${v.rule.name})`);
  } finally {
    process.chdir(previous);
  }
}

describe('layering of src/', function () {
  this.timeout(60_000);

  it('has no import from a lower folder to a higher one, and no cycle', async () => {
    expect(await violations(packageRoot())).to.deep.equal([]);
  });

  it('catches back-edges: a reporter importing the runner, the runner importing a reporter (only the composition root wires them)', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'v3io-layers-'));
    try {
      cpSync(join(packageRoot(), 'src'), join(copy, 'src'), { recursive: true });
      cpSync(join(packageRoot(), 'tsconfig.json'), join(copy, 'tsconfig.json'));
      writeFileSync(join(copy, 'src', 'report', 'back-edge.ts'), "export { selectCases } from '../run/selection.js';\n");
      writeFileSync(join(copy, 'src', 'run', 'writes-reports.ts'), "export { writeReports } from '../report/write-reports.js';\n");
      expect((await violations(copy)).sort()).to.deep.equal([
        'src/report/back-edge.ts → src/run/selection.ts (report-reads-results-only)',
        'src/run/writes-reports.ts → src/report/write-reports.ts (engines-below-the-commands)',
      ]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
