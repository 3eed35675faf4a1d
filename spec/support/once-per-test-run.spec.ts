/**
 * Work shared by mocha's workers (once-per-test-run.ts): two memos of the same name stand for two
 * workers; with the shared directory the work is done once and the other reads its result, its
 * error included, through JSON; without it each does the work.
 */
import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oncePerTestRun, SHARED_WORK_DIR_ENV } from './once-per-test-run.js';

describe('work done once per test run, shared by the workers', () => {
  let root: string;
  let before: string | undefined;
  beforeEach(() => {
    before = process.env[SHARED_WORK_DIR_ENV];
    root = mkdtempSync(join(tmpdir(), 'v3io-once-spec-'));
    process.env[SHARED_WORK_DIR_ENV] = root;
  });
  afterEach(() => {
    if (before === undefined) delete process.env[SHARED_WORK_DIR_ENV];
    else process.env[SHARED_WORK_DIR_ENV] = before;
    rmSync(root, { recursive: true, force: true });
  });

  it('does the work once: a second worker waits for the first and reads its result, revived by the codec', async () => {
    let made = 0;
    const make = async (dir: string): Promise<{ at: Date; dir: string }> => {
      made += 1;
      writeFileSync(join(dir, 'report.json'), '{}');
      return { at: new Date(0), dir };
    };
    const codec = { toJson: (v: { at: Date; dir: string }) => ({ at: v.at.toISOString(), dir: v.dir }), fromJson: (j: unknown) => ({ ...(j as { dir: string }), at: new Date((j as { at: string }).at) }) };
    const [first, second] = [oncePerTestRun('work', make, codec), oncePerTestRun('work', make, codec)];
    const [a, b] = await Promise.all([first(), second()]);
    expect(made).to.equal(1);
    expect(b.at).to.be.instanceOf(Date);
    expect(b).to.deep.equal(a);
    expect(existsSync(join(a.dir, 'report.json'))).to.equal(true);
    expect(a.dir.startsWith(root)).to.equal(true);
  });

  it('passes the first worker\'s failure on to the others instead of doing the work again', async () => {
    let made = 0;
    const make = async (): Promise<number> => {
      made += 1;
      throw new Error('the server did not start');
    };
    const results = await Promise.allSettled([oncePerTestRun('failing', make)(), oncePerTestRun('failing', make)()]);
    expect(made).to.equal(1);
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'fulfilled'))).to.deep.equal([
      'Error: failing: the server did not start',
      'Error: failing (made by another worker): the server did not start',
    ]);
  });

  it('without the shared directory (a file run alone) each memo does its own work', async () => {
    delete process.env[SHARED_WORK_DIR_ENV];
    let made = 0;
    const make = async (): Promise<number> => (made += 1);
    const once = oncePerTestRun('alone', make);
    expect([await once(), await once(), await oncePerTestRun('alone', make)()]).to.deep.equal([1, 1, 2]);
  });
});
