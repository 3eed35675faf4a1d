/** Progress on stderr: a live line on a terminal, periodic plain lines in a CI log. */
import { expect } from 'chai';
import { createProgress } from '../../src/report/progress.js';

function stream(isTTY: boolean): { writes: string[]; isTTY: boolean; write(text: string): void } {
  const writes: string[] = [];
  return { writes, isTTY, write: (text: string) => void writes.push(text) };
}

describe('progress', () => {
  it('prints a plain line at the start, at each tenth of the cases and at the end when not on a TTY', () => {
    const out = stream(false);
    const progress = createProgress({ stream: out, now: () => 0 });
    progress.start(20);
    for (let i = 0; i < 20; i += 1) progress.caseDone(i === 4 ? 'fail' : i === 7 ? 'error' : i === 9 ? 'inconclusive' : 'pass');
    progress.finish();
    expect(out.writes[0]).to.equal('progress: 0/20 cases done, 0 failed, 0 inconclusive, 0 errors\n');
    expect(out.writes).to.have.length(11);
    expect(out.writes[2]).to.equal('progress: 4/20 cases done, 0 failed, 0 inconclusive, 0 errors\n');
    expect(out.writes[3]).to.equal('progress: 6/20 cases done, 1 failed, 0 inconclusive, 0 errors\n');
    expect(out.writes[4]).to.equal('progress: 8/20 cases done, 1 failed, 0 inconclusive, 1 errors\n');
    expect(out.writes[5]).to.equal('progress: 10/20 cases done, 1 failed, 1 inconclusive, 1 errors\n');
    expect(out.writes.at(-1)).to.equal('progress: 20/20 cases done, 1 failed, 1 inconclusive, 1 errors\n');
    expect(out.writes.join('')).not.to.contain('\r');
  });

  it('prints a heartbeat line when a slow target keeps the count still', () => {
    const out = stream(false);
    let clock = 0;
    const progress = createProgress({ stream: out, now: () => clock, heartbeatMs: 30_000 });
    progress.start(1000);
    progress.caseDone('pass');
    expect(out.writes).to.have.length(1);
    clock = 31_000;
    progress.caseDone('pass');
    expect(out.writes.at(-1)).to.equal('progress: 2/1000 cases done, 0 failed, 0 inconclusive, 0 errors\n');
  });

  it('rewrites one live line on a TTY and clears it at the end', () => {
    const out = stream(true);
    const progress = createProgress({ stream: out });
    progress.start(2);
    progress.caseDone('fail');
    progress.caseDone('inconclusive');
    progress.finish();
    expect(out.writes).to.deep.equal([
      '\r\u001b[2Krunning: 0/2 cases done, 0 failed, 0 inconclusive, 0 errors',
      '\r\u001b[2Krunning: 1/2 cases done, 1 failed, 0 inconclusive, 0 errors',
      '\r\u001b[2Krunning: 2/2 cases done, 1 failed, 1 inconclusive, 0 errors',
      '\r\u001b[2K',
    ]);
  });
});
