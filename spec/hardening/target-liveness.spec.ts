/** The watch that tells a target gone from one hanging on some requests (target-liveness.ts). */
import { expect } from 'chai';
import { UNANSWERED_LIMIT, watchTarget } from '../../src/run/target-liveness.js';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const noAnswer = { answered: false, error: 'ESOCKETTIMEDOUT' } as const;

describe('watchTarget', () => {
  it(`checks the target after ${UNANSWERED_LIMIT} requests in a row without an answer; gone: aborts naming the last case answered`, async () => {
    let probes = 0;
    const watch = watchTarget(async () => ((probes += 1), false));
    watch.record('a', { answered: true });
    watch.record('b', noAnswer);
    watch.record('c', { answered: false, error: 'ECONNREFUSED' });
    await settle();
    expect(probes).to.equal(0);
    watch.record('d', { answered: false, error: 'ECONNRESET' });
    await settle();
    expect(probes).to.equal(1);
    expect(watch.signal.aborted).to.equal(true);
    expect((watch.signal.reason as Error).message).to.match(/^the target stopped answering after case a at \d{4}-.*Z \(3 requests in a row got no answer, nor did a new connection\): no verdict$/);
    expect([...watch.unanswered()]).to.deep.equal(['b', 'c', 'd']);
  });

  it('a target that still answers a new connection is up: the streak is its to answer for, the run goes on', async () => {
    const watch = watchTarget(async () => true);
    for (const id of ['a', 'b', 'c', 'd', 'e']) watch.record(id, noAnswer);
    await settle();
    expect(watch.signal.aborted).to.equal(false);
    expect([...watch.unanswered()]).to.deep.equal([]);
  });

  it('an answer, or an error that is an answer (malformed), breaks the streak', async () => {
    let probes = 0;
    const watch = watchTarget(async () => ((probes += 1), false));
    watch.record('a', noAnswer);
    watch.record('b', noAnswer);
    watch.record('c', { answered: true });
    watch.record('d', noAnswer);
    watch.record('e', noAnswer);
    watch.record('f', { answered: false, error: 'malformed response: bad status line' });
    watch.record('g', noAnswer);
    watch.record('h', noAnswer);
    await settle();
    expect(probes).to.equal(0);
    expect(watch.signal.aborted).to.equal(false);
  });

  it("a wire case's connection closed or reset by the server is the server reacting to the bytes, not gone; an HTTP request's reset is no answer", async () => {
    let probes = 0;
    const watch = watchTarget(async () => ((probes += 1), false));
    for (const id of ['w1', 'w2', 'w3', 'w4']) watch.record(id, { answered: false, error: id === 'w2' ? 'ECONNRESET' : 'closed by the server before a response' }, 'wire');
    await settle();
    expect([probes, watch.signal.aborted]).to.deep.equal([0, false]);
    for (const id of ['h1', 'h2', 'h3']) watch.record(id, { answered: false, error: 'ECONNRESET' });
    await settle();
    expect([probes, watch.signal.aborted]).to.deep.equal([1, true]);
    expect([...watch.unanswered()]).to.deep.equal(['h1', 'h2', 'h3']);
  });
});
