/**
 * Whole-suite runs that several test files make assertions about, each made once per `npm test`
 * (once-per-test-run.ts: the first mocha worker to need one makes it, the others read its result)
 * instead of once per file: the embedded run and the run against the broken server
 * that echoes credentials, both through the CLI as a user makes them (their stdout and stderr are
 * asserted on) with the default engine; the served reference and the broken server without
 * challenges, in process, with the native engine: what they are asserted on is the run's, not the
 * engine's, and spec/run/engine-equivalence.spec.ts shows newman gives the same verdicts there.
 */
import { GENERATED_PATHS, packageRoot } from '../../src/package-info.js';
import { REFERENCE_IDENTITIES } from '../../src/cases/reference-identities.js';
import { startReferenceServer } from '../../src/reference/server.js';
import { join } from 'node:path';
import { BROKEN_VARIANTS, type BrokenVariant } from '../broken/variants.js';
import { HarnessError, type HarnessErrorCode } from '../../src/errors.js';
import { runCli, type CliResult } from './cli.js';
import { runInProcess, type InProcessRun } from './in-process-run.js';
import { oncePerTestRun, type Codec } from './once-per-test-run.js';
import { containerContents, sdkEnvironment } from './served-target.js';

/** An in-process run through JSON: its error a HarnessError again. */
function inProcessRunCodec<T extends { readonly run: InProcessRun }>(): Codec<T> {
  return {
    toJson: (value) => ({ ...value, run: { ...value.run, error: value.run.error && { code: value.run.error.code, message: value.run.error.message, exitCode: value.run.error.exitCode } } }),
    fromJson: (json) => {
      const value = json as T & { run: { error?: { code: HarnessErrorCode; message: string; exitCode: number } } };
      const { error, ...run } = value.run;
      return { ...value, run: { ...run, ...(error ? { error: new HarnessError(error.code, error.message, error.exitCode) } : {}) } };
    },
  };
}

export function brokenVariant(id: string): BrokenVariant {
  const variant = BROKEN_VARIANTS.find((v) => v.id === id);
  if (!variant) throw new Error(`broken variant ${id} is gone`);
  return variant;
}

export interface CliRun {
  readonly result: CliResult;
  /** The report directory (every reporter). */
  readonly out: string;
}

/** `run --out <dir> --no-color`: the README's quick start, against the embedded reference. */
export const embeddedCliRun = oncePerTestRun('embedded-cli-run', async (out): Promise<CliRun> => ({ result: await runCli(['run', '--out', out, '--no-color']), out }));

/** The whole suite, every reporter, through the CLI, against a served server that quotes the credentials it is sent in its error bodies. */
export const echoingServerCliRun = oncePerTestRun('echoing-server-cli-run', async (out): Promise<CliRun & { readonly url: string }> => {
  const server = await startReferenceServer({ port: 0, reference: brokenVariant('echoes-credential-in-error').reference(), errorLog: () => {} });
  try {
    const result = await runCli(['run', '--target', server.url, '--env', GENERATED_PATHS.referenceEnvironment, '--out', out, '--no-color']);
    return { result, out, url: server.url };
  } finally {
    await server.close();
  }
});

export interface ServedRun {
  readonly run: InProcessRun;
  /** The reference's URL (closed after the run). */
  readonly url: string;
  /** What the run left in the container, listed with valid credentials right after it. */
  readonly leftBehind: readonly string[];
}

/**
 * The whole suite, every reporter, against the reference served over real HTTP, configured as
 * the V3IO SDKs are: `V3IO_API` without a scheme and the main user's V3IO_* variables, and the
 * optional identities with --env-var, so that no case is skipped.
 */
export const servedReferenceRun = oncePerTestRun(
  'served-reference-run',
  async (out): Promise<ServedRun> => {
    const server = await startReferenceServer({ port: 0, errorLog: () => {} });
    try {
      const { colon, utf8, denied } = REFERENCE_IDENTITIES;
      const envVars: [string, string][] = [
        ['deniedAccessKey', denied.accessKey],
        ['deniedUsername', denied.username],
        ['deniedPassword', denied.password],
        ['colonUsername', colon.username],
        ['colonPassword', colon.password],
        ['utf8Username', utf8.username],
        ['utf8Password', utf8.password],
      ];
      const run = await runInProcess({ processEnv: sdkEnvironment(server.url.replace(/^http:\/\//, '')), envVars, engine: 'native', out });
      return { run, url: server.url, leftBehind: await containerContents(server.url) };
    } finally {
      await server.close();
    }
  },
  inProcessRunCodec<ServedRun>(),
);

const noChallenge = oncePerTestRun(
  'no-challenge-run',
  async (out): Promise<{ readonly run: InProcessRun }> => {
    const server = await startReferenceServer({ port: 0, reference: brokenVariant('no-challenge').reference(), errorLog: () => {} });
    try {
      return { run: await runInProcess({ target: server.url, envFile: join(packageRoot(), GENERATED_PATHS.referenceEnvironment), reporters: ['json'], quiet: true, engine: 'native', out }) };
    } finally {
      await server.close();
    }
  },
  inProcessRunCodec(),
);

/** The whole suite (JSON report) against the broken server that answers 401 without a challenge. */
export const noChallengeRun = async (): Promise<InProcessRun> => (await noChallenge()).run;
