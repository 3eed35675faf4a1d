/**
 * A reader that stops early (`list | head -1`): the CLI neither crashes with an EPIPE stack trace
 * nor lies about its exit code.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/package-info.js';

/** Runs the CLI, closes its stdout after the first chunk, and resolves with its exit code and stderr. */
function runAndCloseEarly(args: readonly string[]): Promise<{ code: number | null; stderr: string; firstChunk: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(packageRoot(), 'dist', 'src', 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let firstChunk = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', (chunk: Buffer) => {
      firstChunk = chunk.toString();
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, firstChunk }));
  });
}

describe('a reader that closes the pipe early', function () {
  this.timeout(60_000);

  it('list | head -1: exit 0, no stack trace', async () => {
    const result = await runAndCloseEarly(['list', '--bypass', 'full']);
    expect(result.firstChunk.length).to.be.greaterThan(0);
    expect(result.stderr, result.stderr).not.to.match(/EPIPE|\n\s+at /);
    expect(result.code, result.stderr).to.equal(0);
  });
});
