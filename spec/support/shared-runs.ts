/**
 * Whole-suite runs that several test files make assertions about, each made once per test process
 * (memoised) instead of once per file: the embedded run and the run against the broken server
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
import { runCli, tempDir, type CliResult } from './cli.js';
import { runInProcess, type InProcessRun } from './in-process-run.js';
import { containerContents, sdkEnvironment } from './served-target.js';

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
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
export const embeddedCliRun = once(async (): Promise<CliRun> => {
  const out = tempDir('v3io-embedded-');
  return { result: await runCli(['run', '--out', out, '--no-color']), out };
});

/** The whole suite, every reporter, through the CLI, against a served server that quotes the credentials it is sent in its error bodies. */
export const echoingServerCliRun = once(async (): Promise<CliRun & { readonly url: string }> => {
  const server = await startReferenceServer({ port: 0, reference: brokenVariant('echoes-credential-in-error').reference(), errorLog: () => {} });
  try {
    const out = tempDir('v3io-secrets-echo-');
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
export const servedReferenceRun = once(async (): Promise<ServedRun> => {
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
    const run = await runInProcess({ processEnv: sdkEnvironment(server.url.replace(/^http:\/\//, '')), envVars, engine: 'native' });
    return { run, url: server.url, leftBehind: await containerContents(server.url) };
  } finally {
    await server.close();
  }
});

/** The whole suite (JSON report) against the broken server that answers 401 without a challenge. */
export const noChallengeRun = once(async (): Promise<InProcessRun> => {
  const server = await startReferenceServer({ port: 0, reference: brokenVariant('no-challenge').reference(), errorLog: () => {} });
  try {
    return await runInProcess({ target: server.url, envFile: join(packageRoot(), GENERATED_PATHS.referenceEnvironment), reporters: ['json'], quiet: true, engine: 'native' });
  } finally {
    await server.close();
  }
});
