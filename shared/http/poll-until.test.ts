import { describe, expect, it } from 'vitest';
import { fakeWaitClock } from '../testing/wait-clock.js';
import { pollUntil } from './poll-until.js';


/** A read that answers false until the `n`th call, counting calls. */
const readyOnRead = (n: number) => {
  let reads = 0;
  return { read: async () => ++reads >= n, get reads() { return reads; } };
};

describe('pollUntil', () => {
  it('reads once and never sleeps when the first read is done', async () => {
    const clock = fakeWaitClock();

    const outcome = await pollUntil(readyOnRead(1).read, (done) => done, { budgetMs: 2_000, clock });

    expect(outcome).toEqual({ done: true, value: true, polls: 1, waitedMs: 0 });
    expect(clock.pauses).toEqual([]);
  });

  it('backs off 10 ms doubling to 200 ms between reads, one read per pause', async () => {
    const clock = fakeWaitClock();
    const store = readyOnRead(9);

    const outcome = await pollUntil(store.read, (done) => done, { budgetMs: 2_000, clock });

    expect(clock.pauses).toEqual([10, 20, 40, 80, 160, 200, 200, 200]);
    expect(outcome).toEqual({ done: true, value: true, polls: 9, waitedMs: 910 });
    expect(store.reads).toBe(9);
  });

  it('stops at the budget with a last read exactly when it ends, and says it is not done', async () => {
    const clock = fakeWaitClock();
    const store = readyOnRead(Number.POSITIVE_INFINITY);

    const outcome = await pollUntil(store.read, (done) => done, { budgetMs: 500, clock });

    expect(clock.pauses).toEqual([10, 20, 40, 80, 160, 190]);
    expect(outcome).toEqual({ done: false, value: false, polls: 7, waitedMs: 500 });
  });

  it('reads once for a budget of nothing, or less', async () => {
    for (const budgetMs of [0, -50]) {
      const clock = fakeWaitClock();
      const outcome = await pollUntil(readyOnRead(2).read, (done) => done, { budgetMs, clock });
      expect(outcome).toMatchObject({ done: false, polls: 1, waitedMs: 0 });
      expect(clock.pauses).toEqual([]);
    }
  });

  it('takes another backoff and an asynchronous decision', async () => {
    const clock = fakeWaitClock();

    const outcome = await pollUntil(readyOnRead(4).read, async (done) => done, { budgetMs: 10_000, clock, backoff: { firstMs: 100, maxMs: 150 } });

    expect(clock.pauses).toEqual([100, 150, 150]);
    expect(outcome.polls).toBe(4);
  });
});
