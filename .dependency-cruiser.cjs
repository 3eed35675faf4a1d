/**
 * The layers of src/, enforced by spec/architecture/layers.spec.ts (dependency-cruiser).
 * Lowest first: a folder may import its own layer and the ones below, never one above.
 *
 *   cases, schemas, the root utilities (errors, json-file, tls-files, package-info)
 *   results, reference                        (the results vocabulary; the reference server)
 *   judge                                     (one judge over recorded exchanges)
 *   generate, wire, report                    (collections; raw-socket runner; reporters)
 *   run, engine, docs                         (the engines and the runner, which tells events and
 *                                              writes nothing, so never imports report; generated docs)
 *   commands, program.ts, main.ts, cli.ts     (the composition root: wires the run's events to
 *                                              progress and reporters, commands/conformance-run.ts)
 */
const ROOT_UTILITIES = 'src/(errors|json-file|tls-files|package-info)\\.ts$';

/** A rule: files under `from` may import only files matching one of `allowed` (and packages). */
function layer(name, from, allowed) {
  return {
    name,
    severity: 'error',
    comment: `${from} may import only ${allowed.join(', ')}`,
    from: { path: from },
    to: { path: '^src/', pathNot: allowed.map((a) => `^${a}`) },
  };
}

const BOTTOM = ['src/cases/', ROOT_UTILITIES];

module.exports = {
  forbidden: [
    layer('cases-is-the-bottom', '^src/cases/', ['src/cases/']),
    layer('root-utilities-are-the-bottom', `^${ROOT_UTILITIES}`, BOTTOM),
    layer('schemas-below-the-judge', '^src/schemas/', [...BOTTOM, 'src/schemas/']),
    layer('results-below-everything-that-judges', '^src/results/', [...BOTTOM, 'src/results/']),
    layer('reference-stands-alone', '^src/reference/', [...BOTTOM, 'src/schemas/', 'src/reference/']),
    layer('judge-below-the-engines', '^src/judge/', [...BOTTOM, 'src/schemas/', 'src/results/', 'src/judge/']),
    layer('generate-renders-the-judge', '^src/generate/', [...BOTTOM, 'src/schemas/', 'src/results/', 'src/judge/', 'src/generate/']),
    layer('wire-below-the-runner', '^src/wire/', [...BOTTOM, 'src/schemas/', 'src/results/', 'src/judge/', 'src/wire/']),
    layer('report-reads-results-only', '^src/report/', [...BOTTOM, 'src/schemas/', 'src/results/', 'src/report/']),
    layer('docs-below-the-commands', '^src/docs/', [...BOTTOM, 'src/schemas/', 'src/results/', 'src/report/', 'src/wire/', 'src/docs/']),
    layer('engines-below-the-commands', '^src/(run|engine)/', [
      ...BOTTOM,
      'src/schemas/',
      'src/results/',
      'src/reference/',
      'src/judge/',
      'src/generate/',
      'src/wire/',
      'src/run/',
      'src/engine/',
    ]),
    { name: 'no-cycles', severity: 'error', from: { path: '^src/' }, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
