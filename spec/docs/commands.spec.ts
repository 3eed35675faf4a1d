/**
 * Docs that run: every command line of a fenced `sh` block of README.md and docs/*.md is either
 * run here or, visibly, an example. The rule (README, "Development"):
 * - a command that names a host under `example.com`, or holds `…` where a value of yours goes, is an
 *   example: not run, but its options must be options of its command (as must those of the commands
 *   in the prose and in the CI recipes' YAML and Groovy);
 * - an `npm` command must name a script of package.json (`npm ci`, `npm test` and the long-running
 *   scripts are the install and the test suite themselves), and `generate` is not run (it rewrites
 *   the committed files; `generate --check` is);
 * - every other line runs in one scratch folder (with `environments/`, README.md, the users file of
 *   docs/reference-server.md and `my-server*.json` environments of the served reference), with a
 *   bounded time, and must exit 0 and print what the docs promise. `serve` lines start the
 *   reference on a free port, each distinct one once, and the block's `8081` becomes its port;
 *   `run` gets `--engine native` (the engines judge alike: spec/run/engine-equivalence.spec.ts),
 *   and `curl` `--fail`.
 */
import { expect } from 'chai';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cliEnvironment, tempDir } from '../support/cli.js';
import { sharedDir } from '../support/shared-dir.js';
import { packageRoot } from '../../src/package-info.js';
import { buildProgram } from '../../src/program.js';

const ROOT = packageRoot();
const CLI_PREFIX = 'npx v3io-auth-conformance';
const DOCUMENTS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const read = (document: string): string => readFileSync(join(ROOT, document), 'utf8');
const COMMAND_TIMEOUT_MS = 60_000;

interface DocCommand {
  readonly where: string;
  /** Continuation lines joined, trailing comment removed. */
  readonly text: string;
}

interface Block {
  readonly where: string;
  readonly commands: readonly DocCommand[];
}

/** The fenced `sh` blocks of a document, each as its command lines. */
export function shellBlocks(document: string, markdown: string): Block[] {
  const blocks: Block[] = [];
  for (const match of markdown.matchAll(/^```sh\n([\s\S]*?)^```/gm)) {
    const firstLine = markdown.slice(0, match.index).split('\n').length + 1;
    const commands: DocCommand[] = [];
    let command = '';
    let quote: string | undefined;
    let continued = false;
    let start = firstLine;
    (match[1] ?? '').split('\n').forEach((raw, i) => {
      if (command === '') start = firstLine + i;
      const line = continued ? raw.trimStart() : raw;
      continued = false;
      // A `#` after a blank, outside quotes, starts a comment; inside quotes (a python3 -c script) it is text.
      for (let at = 0; at < line.length; at += 1) {
        const c = line[at] ?? '';
        if (quote !== undefined) {
          if (c === quote) quote = undefined;
        } else if (c === "'" || c === '"') {
          quote = c;
        } else if (c === '#' && (at === 0 || /\s/.test(line[at - 1] ?? ''))) {
          break;
        }
        command += c;
      }
      if (quote !== undefined) {
        command += '\n';
        return;
      }
      if (command.trimEnd().endsWith('\\')) {
        command = `${command.trimEnd().slice(0, -1).trimEnd()} `;
        continued = true;
        return;
      }
      if (command.trim() !== '') commands.push({ where: `${document}:${start}`, text: command.trim() });
      command = '';
    });
    blocks.push({ where: `${document}:${firstLine - 1}`, commands });
  }
  return blocks;
}

const isExample = (text: string): boolean => /example\.com|…/.test(text);
const isAssignment = (text: string): boolean => /^(export\s+)?([A-Z_][A-Z0-9_]*=\S*\s*)+$/.test(text);
const isServe = (text: string): boolean => new RegExp(`^${CLI_PREFIX} serve\\b`).test(text);

/** The npm commands the docs may show, from package.json; none of them is run here (they install, or are this suite). */
function npmProblem(text: string): string | undefined {
  const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
  const words = text.split(/\s+/);
  if (text === 'npm ci') return undefined;
  if (text === 'npm test') return scripts.test ? undefined : 'no test script';
  if (words[1] === 'run' && words.length === 3) return scripts[words[2] ?? ''] ? undefined : `no script ${words[2]}`;
  return `an npm command the docs may not show: ${text}`;
}

/** Flags a CLI command line uses that its command does not define. */
function unknownOptions(text: string): string[] {
  const words = text.slice(CLI_PREFIX.length).trim().split(/\s+/);
  const command = buildProgram().commands.find((c) => c.name() === words[0]);
  if (!command) return [`no command ${words[0]}`];
  const flags = new Set(['-h', '--help', ...command.options.flatMap((o) => [o.short, o.long, o.negate ? o.long : undefined]).filter((f): f is string => f !== undefined)]);
  return words.filter((w) => /^-/.test(w) && w !== '-').map((w) => w.split('=')[0] ?? w).filter((w) => !flags.has(w));
}

const ALL_BLOCKS = DOCUMENTS.flatMap((document) => shellBlocks(document, read(document)));
/** Each command once: `a && b` is two. */
const ALL_COMMANDS = ALL_BLOCKS.flatMap((b) => b.commands.flatMap((c) => c.text.split(/\s+&&\s+/).map((text) => ({ where: c.where, text }))));

/** What the docs promise a command prints: the verdict lines the README quotes, the SDK's answer. */
function promisedOutput(text: string): RegExp | undefined {
  const readme = read('README.md');
  if (text === `${CLI_PREFIX} run`) {
    const verdict = /`(Verdict: CONFORMANT — [^;`]*);/.exec(readme)?.[1];
    expect(verdict, 'the README quotes the embedded verdict').to.be.a('string');
    return new RegExp(escapeRegExp(verdict ?? ''));
  }
  if (text.startsWith(`${CLI_PREFIX} run --target http://127.0.0.1:8081 `)) {
    const served = /`(\d+ passed, 0 failed, … 0 skipped)`/.exec(readme)?.[1];
    expect(served, 'the README quotes the served verdict').to.be.a('string');
    return new RegExp(`Verdict: CONFORMANT — ${(served ?? '').split('…').map(escapeRegExp).join('.*')}`);
  }
  if (text.startsWith('V3IO_API=http://127.0.0.1:8081') && text.includes('python3 -c')) return /^b'hi'$/m;
  const explained = new RegExp(`^${CLI_PREFIX} explain (\\S+)`).exec(text)?.[1];
  if (explained) return new RegExp(`^${escapeRegExp(explained)}: `);
  if (new RegExp(`^${CLI_PREFIX} run\\b`).test(text)) return /^Verdict: CONFORMANT — /m;
  return undefined;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Served {
  readonly port: number;
  readonly child: ChildProcess;
}

/** A `serve` line started with `--port 0` unless it names a port; resolves once it listens. */
function startServe(text: string, cwd: string): Promise<Served> {
  const args = text.slice(CLI_PREFIX.length).trim().split(/\s+/);
  if (!args.includes('--port') && !args.includes('-p')) args.push('--port', '0');
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: cliEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${text}: did not listen: ${output}`)), COMMAND_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const port = /listening on https?:\/\/[^\s:]+:(\d+)/.exec(output)?.[1];
      if (port === undefined) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      resolve({ port: Number(port), child });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${text}: exited with ${code}: ${output}`));
    });
  });
}

/**
 * The Python the docs' `python3` lines run with: Debian's, which has the SDK's dependencies from apt
 * (.ci/run), when it is there; a `python3` earlier on PATH (pyenv, a virtualenv) may lack them.
 */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Why the v3io-py SDK cannot run here, or undefined. */
function pythonUnavailable(pythonPath: string): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import v3io.dataplane'], { encoding: 'utf8', env: cliEnvironment({ PYTHONPATH: pythonPath, PYTHONDONTWRITEBYTECODE: '1' }) });
  return probe.status === 0 ? undefined : `python3 cannot import v3io.dataplane (${(probe.stderr || probe.error?.message || '').trim().split('\n').at(-1)})`;
}

function runShell(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: COMMAND_TIMEOUT_MS, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('docs that run: the command lines of README.md and docs/', function () {
  this.timeout(300_000);

  it('finds the commands of every document, joined across continuation lines and open quotes, comments dropped', () => {
    const sample = "```sh\nnpx v3io-auth-conformance run --target http://127.0.0.1:8081 \\\n  --env e.json   # the user's comment\nV3IO_API=x python3 -c '\nprint(1)   # kept\n'\n```\n";
    expect(shellBlocks('s.md', sample)).to.deep.equal([
      {
        where: 's.md:1',
        commands: [
          { where: 's.md:2', text: 'npx v3io-auth-conformance run --target http://127.0.0.1:8081 --env e.json' },
          { where: 's.md:4', text: "V3IO_API=x python3 -c '\nprint(1)   # kept\n'" },
        ],
      },
    ]);
    expect(ALL_COMMANDS.length).to.be.greaterThan(20);
    expect(ALL_BLOCKS.filter((b) => b.commands.length === 0).map((b) => b.where), 'blocks without a command').to.deep.equal([]);
    expect(ALL_COMMANDS.filter((c) => isExample(c.text)).length, 'examples').to.be.greaterThan(2);
  });

  it('every CLI command line, example or not, in a block or in the prose, uses only options its command has', () => {
    const inline = DOCUMENTS.flatMap((document) =>
      [...read(document).matchAll(/`([^`\n]*npx v3io-auth-conformance [^`\n]*)`/g)].map((m) => ({ where: `${document} (prose)`, text: m[1] ?? '' })),
    );
    expect(inline.length, 'commands in the prose').to.be.greaterThan(3);
    // The CI recipes' (YAML, Groovy) steps: up to the end of the command (a quote, || or &&).
    const recipes = DOCUMENTS.flatMap((document) =>
      [...read(document).matchAll(/^```(?!sh\n)\w+\n([\s\S]*?)^```/gm)].flatMap((block) =>
        [...(block[1] ?? '').matchAll(/npx v3io-auth-conformance [^'\n|&]*/g)].map((m) => ({ where: `${document} (CI recipe)`, text: m[0].trim() })),
      ),
    );
    expect(recipes.length, 'commands in CI recipes').to.be.greaterThan(4);
    const cli = [...ALL_COMMANDS, ...inline, ...recipes].filter((c) => c.text.includes(CLI_PREFIX)).map((c) => ({ ...c, text: c.text.slice(c.text.indexOf(CLI_PREFIX)) }));
    const unknown = cli.flatMap((c) => unknownOptions(c.text).map((flag) => `${c.where}: ${flag}`));
    expect(unknown).to.deep.equal([]);
    expect(unknownOptions(`${CLI_PREFIX} run --no-such-flag`)).to.deep.equal(['--no-such-flag']);
  });

  it('every npm line names a script of package.json', () => {
    const problems = ALL_COMMANDS.filter((c) => /^npm\b/.test(c.text)).flatMap((c) => {
      const problem = npmProblem(c.text);
      return problem ? [`${c.where}: ${problem}`] : [];
    });
    expect(problems).to.deep.equal([]);
    expect(npmProblem('npm run no-such-script')).to.equal('no script no-such-script');
  });

  it('every other command line runs, exits 0 and prints what the docs promise', async () => {
    const dir = tempDir('v3io-docs-run-');
    const sdk = sharedDir('clients', 'v3io-py');
    const env = cliEnvironment({ PYTHONPATH: sdk, PYTHONDONTWRITEBYTECODE: '1' });
    symlinkSync(join(ROOT, 'environments'), join(dir, 'environments'));
    copyFileSync(join(ROOT, 'README.md'), join(dir, 'README.md'));
    // The users file is the one docs/reference-server.md shows.
    const usersFile = /## Users file[\s\S]*?```json\n([\s\S]*?)```/.exec(read('docs/reference-server.md'))?.[1];
    expect(usersFile, 'the users file of docs/reference-server.md').to.be.a('string');
    writeFileSync(join(dir, 'users.json'), usersFile ?? '');

    const serves = new Map<string, Served>();
    const served = async (text: string): Promise<Served> => {
      const key = text.replace(/\s*&$/, '');
      const known = serves.get(key);
      if (known) return known;
      const started = await startServe(key, dir);
      serves.set(key, started);
      return started;
    };
    const failures: string[] = [];
    const ran: string[] = [];
    const done = new Map<string, string>();
    try {
      // The user's own environment files: the reference environment, pointed at the served reference.
      const main = await served(`${CLI_PREFIX} serve`);
      const reference = JSON.parse(readFileSync(join(ROOT, 'environments', 'reference.postman_environment.json'), 'utf8')) as { values: { key: string; value: string }[] };
      const mine = { ...reference, values: reference.values.map((v) => (v.key === 'baseUrl' ? { ...v, value: `http://127.0.0.1:${main.port}` } : v)) };
      for (const name of ['my-server.postman_environment.json', 'my-server.json']) writeFileSync(join(dir, name), JSON.stringify(mine));
      const python = pythonUnavailable(sdk);
      const curl = spawnSync('curl', ['--version']).status === 0 ? undefined : 'no curl on the PATH (apt-get install curl)';

      const execute = async (script: string, where: string, promise?: RegExp): Promise<void> => {
        if (done.has(script)) return;
        const result = await runShell(script, dir, env);
        done.set(script, where);
        if (result.code !== 0) failures.push(`${where}: exit ${result.code}: ${result.stderr.trim().split('\n').slice(-2).join(' / ')}`);
        else if (promise && !promise.test(result.stdout)) failures.push(`${where}: stdout lacks ${promise}: ${result.stdout.slice(-300)}`);
      };
      for (const block of ALL_BLOCKS) {
        let port = main.port;
        let executed = false;
        const prelude: string[] = [];
        for (const command of block.commands) {
          for (const part of command.text.split(/\s+&&\s+/)) {
            const where = `${command.where}: ${part.split('\n')[0]}`;
            if (isExample(part) || /^npm\b/.test(part) || part === `${CLI_PREFIX} generate`) continue;
            if (isServe(part)) {
              port = (await served(part)).port;
              ran.push(part);
              continue;
            }
            const adapted = part
              .replaceAll(CLI_PREFIX, `node ${CLI}`)
              .replace(/(\/\/(?:127\.0\.0\.1|localhost)):8081\b/g, `$1:${port}`)
              .replace(/^curl /, 'curl --fail --silent --show-error ')
              .replace(/\bpython3\b/, PYTHON)
              .replace(/^(node \S+ run\b(?![\s\S]*--engine)[\s\S]*)$/, '$1 --engine native');
            if (isAssignment(part)) {
              prelude.push(adapted);
              continue;
            }
            const unavailable = /\bpython3\b/.test(part) ? python : /^curl /.test(part) ? curl : undefined;
            if (unavailable) {
              if (process.env.CI) failures.push(`${where}: ${unavailable}`);
              else console.log(`      (skipped ${where}: ${unavailable})`);
              continue;
            }
            await execute([...prelude, adapted].join('\n'), where, promisedOutput(part));
            executed = true;
            ran.push(part);
          }
        }
        // A block of assignments alone (for the reader's next commands) still runs.
        if (prelude.length > 0 && !executed) await execute(prelude.join('\n'), `${block.where}: ${prelude[0]}`);
      }
    } finally {
      for (const { child } of serves.values()) child.kill('SIGKILL');
    }
    expect(failures).to.deep.equal([]);
    // The commands the docs lead with are among those run.
    expect(ran).to.include.members([`${CLI_PREFIX} run`, `${CLI_PREFIX} serve`, `${CLI_PREFIX} generate --check`]);
    if (spawnSync('curl', ['--version']).status === 0) expect(ran.filter((c) => /^curl /.test(c)).length, 'curl lines').to.be.at.least(5);
    expect(existsSync(join(dir, 'reports', 'all', 'conformance.json')), 'the merged shard report').to.equal(true);
  });
});
