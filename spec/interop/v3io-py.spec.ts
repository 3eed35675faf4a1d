/**
 * The official V3IO Python SDK (v3io-py, an unmodified copy in ../shared/clients/v3io-py) against
 * `serve`, started as a user starts it: the SDK's own integration tests (tests/test_client.py,
 * written against a real V3IO service) must pass, but for the few listed below with their reason;
 * and a session of everyday SDK calls of our own (v3io-py-session.py) over objects, KV, streams
 * and an unknown access key, which the SDK must see as a 401.
 *
 * Needs Debian's /usr/bin/python3 with python3-requests, python3-future, python3-ujson and
 * python3-pytest (.ci/run installs them). Without them, or without the SDK copy, the tests say
 * they are skipped and why — except under CI (`CI` set), where that is a failure. The SDK copy is
 * read-only: Python writes no bytecode and pytest no cache into it.
 */
import { expect } from 'chai';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/package-info.js';
import { REFERENCE_CONTAINER } from '../../src/cases/reference-identities.js';
import { MAIN, UNKNOWN_KEY } from '../reference/helpers.js';
import { CLI, cliEnvironment, tempDir } from '../support/cli.js';
import { sharedDir } from '../support/shared-dir.js';

const SDK = sharedDir('clients', 'v3io-py');
const PYTHON = '/usr/bin/python3';
const DEBIAN_PACKAGES = 'python3-requests python3-future python3-ujson python3-pytest';
const SESSION_SCRIPT = join(packageRoot(), 'spec', 'interop', 'v3io-py-session.py');

/**
 * Every test of tests/test_client.py (at the commit of ../shared/clients/README.md), by
 * `<class>.<test>`, with what it must do: pass, be skipped by the SDK itself, or fail for the
 * reason given (a known gap of the emulator, listed in the README). A listed failure that starts
 * passing fails this spec too, so that the list stays true.
 */
const SDK_TESTS: Readonly<Record<string, 'pass' | { readonly skippedUpstream: string } | { readonly knownFailure: string }>> = {
  'TestContainer.test_get_container_contents_invalid_path': 'pass',
  'TestContainer.test_get_container_contents_valid': 'pass',
  'TestStream.test_delete_stream_with_cg': 'pass',
  'TestStream.test_stream': 'pass',
  'TestObject.test_object': 'pass',
  'TestObject.test_append': 'pass',
  'TestObject.test_get_offset': 'pass',
  'TestObject.test_batch': 'pass',
  'TestSchema.test_create_schema': 'pass',
  'TestKv.test_kv_array': 'pass',
  'TestKv.test_kv_values': 'pass',
  'TestKv.test_kv': 'pass',
  'TestKv.test_limit': 'pass',
  'TestKv.test_batch': 'pass',
  'TestRaiseForStatus.test_always_raise_no_error': 'pass',
  'TestRaiseForStatus.test_specific_status_code_match': 'pass',
  'TestRaiseForStatus.test_specific_status_code_no_match': 'pass',
  'TestRaiseForStatus.test_never_raise': 'pass',
  'TestRaiseForStatus.test_default_raise': 'pass',
  'TestBatchRaiseForStatus.test_raise': 'pass',
  'TestConnectonErrorRecovery.test_object': { skippedUpstream: 'Manually executed' },
  'TestConnectonErrorRecovery.test_kv_batch': { skippedUpstream: 'Manually executed' },
  'TestCustomTransport.test_verifier_transport': 'pass',
};

/** Why the SDK cannot run here, or `undefined` when it can. */
function unavailableReason(): string | undefined {
  if (!existsSync(join(SDK, 'v3io', 'dataplane', 'client.py')) || !existsSync(join(SDK, 'tests', 'test_client.py'))) {
    return `no v3io-py copy at ${SDK} (see ../shared/clients/README.md)`;
  }
  if (!existsSync(PYTHON)) return `no ${PYTHON} (apt-get install python3 ${DEBIAN_PACKAGES})`;
  const probe = spawnSync(PYTHON, ['-c', 'import requests, future, ujson, pytest'], { encoding: 'utf8', env: pythonEnvironment({}) });
  if (probe.status !== 0) {
    const missing = /No module named '([^']+)'/.exec(probe.stderr)?.[1] ?? 'a module';
    return `${PYTHON} lacks ${missing} (apt-get install ${DEBIAN_PACKAGES})`;
  }
  return undefined;
}

/** The SDK's environment: our variables only (a developer's V3IO_* must not leak in), no bytecode written into the read-only copy. */
function pythonEnvironment(extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  return cliEnvironment({ PYTHONPATH: SDK, PYTHONDONTWRITEBYTECODE: '1', ...extra });
}

interface Served {
  readonly url: string;
  stop(): Promise<void>;
}

/** `serve --port 0 --quiet`, resolved once it prints its URL and is ready. */
function startServe(): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--quiet'], { env: cliEnvironment() });
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url && out.includes('Press Ctrl+C')) {
        resolve({
          url,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    void exited.then(() => reject(new Error(`serve exited before listening: ${err}`)));
  });
}

/** Runs Python to the end; its output is kept for failure messages. */
function runPython(args: readonly string[], cwd: string, env: Readonly<Record<string, string>>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, args, { cwd, env: pythonEnvironment(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

type TestResult = { readonly outcome: 'passed' } | { readonly outcome: 'failed' | 'skipped'; readonly message: string };

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#(\d+));/g, (_, name: string, code?: string) =>
    code ? String.fromCharCode(Number(code)) : ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' } as Record<string, string>)[name]!,
  );
}

/** pytest's JUnit XML: each testcase by `<class>.<test>`, with its outcome and the first line of its message. */
function parsePytestJunit(xml: string): Map<string, TestResult> {
  const results = new Map<string, TestResult>();
  for (const match of xml.matchAll(/<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const attributes = match[1]!;
    const body = match[2] ?? '';
    const attribute = (name: string): string => unescapeXml(new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)?.[1] ?? '');
    const id = `${attribute('classname').split('.').pop()}.${attribute('name')}`;
    const problem = /<(failure|error|skipped)\b([^>]*)/.exec(body);
    if (!problem) {
      results.set(id, { outcome: 'passed' });
      continue;
    }
    const message = unescapeXml(/\bmessage="([^"]*)"/.exec(problem[2]!)?.[1] ?? '').split('\n')[0]!;
    results.set(id, { outcome: problem[1] === 'skipped' ? 'skipped' : 'failed', message });
  }
  return results;
}

/** What one step of the session observed: a value, or the error the SDK raised (with its HTTP status). */
type StepResult = { readonly value: unknown } | { readonly error: string; readonly status: number | null };

describe("reading pytest's JUnit XML", () => {
  it('tells passed, failed, errored and skipped tests apart, by class and name, with the first line of the message', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="1" failures="1" skipped="1" tests="4">
<testcase classname="tests.test_client.TestKv" name="test_kv" time="0.1" />
<testcase classname="tests.test_client.TestKv" name="test_kv_array" time="0.1"><failure message="HttpResponseError: status 400&#10;more">trace</failure></testcase>
<testcase classname="tests.test_client.TestObject" name="test_object" time="0.1"><error message="setup &quot;failed&quot; &amp; more">trace</error></testcase>
<testcase classname="tests.test_client.TestConnectonErrorRecovery" name="test_object" time="0"><skipped type="pytest.skip" message="Manually executed">skip</skipped></testcase>
</testsuite></testsuites>`;
    expect([...parsePytestJunit(xml)]).to.deep.equal([
      ['TestKv.test_kv', { outcome: 'passed' }],
      ['TestKv.test_kv_array', { outcome: 'failed', message: 'HttpResponseError: status 400' }],
      ['TestObject.test_object', { outcome: 'failed', message: 'setup "failed" & more' }],
      ['TestConnectonErrorRecovery.test_object', { outcome: 'skipped', message: 'Manually executed' }],
    ]);
  });
});

describe('v3io-py (the official Python SDK) against serve', function () {
  this.timeout(120_000);
  const reason = unavailableReason();
  let served: Served | undefined;

  before(async function () {
    if (reason) {
      if (process.env.CI) throw new Error(`${reason}: .ci/run should have installed it`);
      console.log(`      skipping the v3io-py tests: ${reason}`);
      this.skip();
    }
    served = await startServe();
  });

  after(async () => {
    await served?.stop();
  });

  /** The SDK's variables for the served reference (its tests use the container `bigdata`, ours too). */
  function sdkVariables(): Record<string, string> {
    return { V3IO_API: served!.url, V3IO_ACCESS_KEY: MAIN.accessKey, V3IO_CONTAINER: REFERENCE_CONTAINER };
  }

  describe("the SDK's own integration tests (tests/test_client.py)", () => {
    let results: Map<string, TestResult>;
    let output: string;

    before(async function () {
      if (!served) this.skip();
      const work = tempDir('v3io-py-tests-');
      const junit = join(work, 'junit.xml');
      // -p no:cacheprovider: no .pytest_cache beside the read-only copy; the run's folder is a temporary one.
      const run = await runPython(['-m', 'pytest', '-q', '-p', 'no:cacheprovider', `--junitxml=${junit}`, join(SDK, 'tests', 'test_client.py')], work, sdkVariables());
      output = run.output;
      expect(existsSync(junit), `pytest wrote no JUnit file (exit ${run.code}):\n${output.slice(-2000)}`).to.equal(true);
      results = parsePytestJunit(readFileSync(junit, 'utf8'));
    });

    it('runs exactly the tests listed here (a new copy of the SDK updates the list)', () => {
      expect([...results.keys()].sort()).to.deep.equal(Object.keys(SDK_TESTS).sort());
    });

    for (const [id, expected] of Object.entries(SDK_TESTS)) {
      if (expected === 'pass') {
        it(`${id} passes`, () => {
          const result = results.get(id);
          expect(result, `${id} did not run`).to.not.equal(undefined);
          expect(result, result?.outcome === 'passed' ? '' : `${id}: ${'message' in result! ? result.message : ''}`).to.deep.equal({ outcome: 'passed' });
        });
      } else if ('skippedUpstream' in expected) {
        it(`${id} is skipped by the SDK itself ("${expected.skippedUpstream}")`, () => {
          expect(results.get(id)).to.deep.equal({ outcome: 'skipped', message: expected.skippedUpstream });
        });
      } else {
        it(`${id} still fails, a known gap: ${expected.knownFailure}`, () => {
          expect(results.get(id)?.outcome, `${id} passes now: take it off the list here and in the README`).to.equal('failed');
        });
      }
    }
  });

  describe('a session of everyday SDK calls (spec/interop/v3io-py-session.py)', () => {
    let steps: Record<string, StepResult>;
    const judged = new Set<string>();

    before(async function () {
      if (!served) this.skip();
      const work = tempDir('v3io-py-session-');
      const file = join(work, 'results.json');
      const run = await runPython([SESSION_SCRIPT, `v3io-py-session-${Date.now()}`, file], work, { ...sdkVariables(), UNKNOWN_ACCESS_KEY: UNKNOWN_KEY });
      expect(run.code, run.output.slice(-2000)).to.equal(0);
      steps = JSON.parse(readFileSync(file, 'utf8')) as Record<string, StepResult>;
    });

    /** The value a step returned; fails with the SDK's error if it raised one. */
    function valueOf(step: string): unknown {
      judged.add(step);
      const result = steps[step];
      expect(result, `no step "${step}"`).to.not.equal(undefined);
      if ('error' in result!) expect.fail(`${step}: ${result.error}`);
      return (result as { value: unknown }).value;
    }

    /** The HTTP status of the error a step raised; fails if it raised none. */
    function raisedStatus(step: string): number | null {
      judged.add(step);
      const result = steps[step];
      expect(result, `no step "${step}"`).to.not.equal(undefined);
      if (!('error' in result!)) expect.fail(`${step} raised nothing, returned ${JSON.stringify((result as { value: unknown }).value)}`);
      return (result as { status: number | null }).status;
    }

    it('objects: put, get (whole, offset and length, offset only), head, append, delete', () => {
      expect(valueOf('object put then get')).to.equal('hello from v3io-py');
      expect(valueOf('object get with offset and length')).to.equal('from');
      expect(valueOf('object get with offset only')).to.equal('v3io-py');
      expect(valueOf('object head')).to.equal('18');
      expect(valueOf('object append')).to.equal('hello from v3io-py, again');
      expect(valueOf('object delete')).to.equal(404);
    });

    it('directories: PUT <dir>/ then a listing of the folder, a page at a time through NextMarker, and a 404 for a missing one', () => {
      const listing = valueOf('directory put and list') as { contents: string[]; prefixes: string[] };
      const folder = listing.contents[0]?.split('/')[0];
      expect(listing).to.deep.equal({ contents: [`${folder}/objects/greeting.txt`, `${folder}/objects/second.txt`], prefixes: [`${folder}/objects/empty-dir/`] });
      expect(valueOf('list a page at a time')).to.deep.equal([`${folder}/objects/empty-dir/`, `${folder}/objects/greeting.txt`, `${folder}/objects/second.txt`]);
      expect(valueOf('list a missing directory')).to.deep.equal([404, { ErrorCode: -2, ErrorMessage: 'No such file or directory' }]);
    });

    it('KV: every attribute type reads back with its type (int, float, str, bool, bytes, list, datetime)', () => {
      expect(valueOf('kv put then get, every type')).to.deep.equal({
        age: { int: 30 },
        ratio: { float: 0.5 },
        city: { str: 'Paris' },
        active: { bool: true },
        raw: { bytes: [0, 1, 255] },
        scores: { list: [1, 2, 3] },
        when: { datetime: '2024-05-01T10:30:15.250000+00:00' },
      });
    });

    it('KV: update with attributes merges, update with an expression, filtered scan, cursor limit, parallel scan, delete', () => {
      expect(valueOf('kv update with attributes merges')).to.deep.equal({ __size: 0, age: 30, city: 'Lyon', pets: 2 });
      expect(valueOf('kv update with an expression')).to.deep.equal({ age: 31 });
      expect(valueOf('kv scan with a filter')).to.deep.equal(['alice', 'carol']);
      expect(valueOf('kv cursor pages with a limit')).to.equal(7);
      const many = Array.from({ length: 12 }, (_, index) => `many-${String(index).padStart(2, '0')}`);
      expect(valueOf('kv parallel scan')).to.deep.equal(['alice', 'bob', 'carol', ...many]);
      expect(valueOf('kv delete')).to.equal(404);
    });

    it('streams: create, describe, put records (one to a missing shard fails alone), seek, get records, update, delete', () => {
      expect(valueOf('stream create then describe')).to.deep.equal([2, 1]);
      expect(valueOf('stream put records')).to.deep.equal([1, [[0, true], [0, true], [1, true], [null, false]]]);
      expect(valueOf('stream seek then get records')).to.deep.equal([['first', null], ['second', 'info']]);
      expect(valueOf('stream update then describe')).to.equal(3);
      expect(valueOf('stream delete')).to.equal(404);
    });

    it('an unknown access key: the SDK raises with status 401 (the challenge and a V3IO error body), per client and per request, and writes nothing', () => {
      for (const step of ['unknown key: object get raises', 'unknown key: kv put raises', 'unknown key: stream create raises']) {
        expect(raisedStatus(step), step).to.equal(401);
      }
      expect(valueOf('unknown key: container list answer')).to.deep.equal([401, 'Basic realm="v3io", charset="UTF-8"', { ErrorCode: -13, ErrorMessage: 'Authentication required' }]);
      expect(valueOf('unknown key per request, valid client')).to.equal(401);
      expect(valueOf('the unknown key wrote nothing')).to.deep.equal([404, 404]);
    });

    it('every step of the session was judged by the tests above', () => {
      expect(Object.keys(steps).sort()).to.deep.equal([...judged].sort());
    });
  });
});
