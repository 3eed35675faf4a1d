/**
 * Shell commands run one after another by one `sh`, each in a subshell of its own (no state passes
 * from one to the next), its stdout and exit status kept apart: what running each with `sh -c`
 * gives, without a child process of the test's (large) node process per command.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ShellResult {
  readonly code: number;
  readonly stdout: Buffer;
}

export async function runEach(commands: readonly string[], env: NodeJS.ProcessEnv): Promise<ShellResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'v3io-shell-batch-'));
  try {
    const script = commands.map((command, i) => `(\n${command}\n) > ${dir}/${i}.out\necho $? > ${dir}/${i}.code`).join('\n');
    writeFileSync(join(dir, 'batch.sh'), `${script}\n`);
    await run('sh', [join(dir, 'batch.sh')], { env, maxBuffer: 1 << 24 });
    return commands.map((_, i) => ({ code: Number(readFileSync(join(dir, `${i}.code`), 'utf8')), stdout: readFileSync(join(dir, `${i}.out`)) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
