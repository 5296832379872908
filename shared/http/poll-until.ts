import { setTimeout as sleepFor } from 'node:timers/promises';

/** Where time comes from; a dependency so the loop can be tested with a fake clock. */
export interface WaitClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const systemWaitClock: WaitClock = { now: Date.now, sleep: (ms) => sleepFor(ms).then(() => undefined) };

/** The backoff between reads: the first pause, doubled after each read up to the longest. */
export interface Backoff {
  firstMs: number;
  maxMs: number;
}

/** 10 ms doubling to 200 ms: quick when a projector is milliseconds behind, a few reads a second when it is not. */
export const DEFAULT_BACKOFF: Backoff = { firstMs: 10, maxMs: 200 };

/** How a wait ended: with the value that satisfied it, or with the last one read when time ran out. */
export interface PollOutcome<T> {
  done: boolean;
  value: T;
  /** Reads made, the first included: each costs one store read. */
  polls: number;
  /** Time from the first read to the outcome. */
  waitedMs: number;
}

/**
 * Reads until `isDone` accepts a value or `budgetMs` has passed: at once, then after pauses
 * of `backoff` (never busily), the last read exactly when the budget ends.
 */
export const pollUntil = async <T>(
  read: () => Promise<T>,
  isDone: (value: T) => boolean | Promise<boolean>,
  { budgetMs, backoff = DEFAULT_BACKOFF, clock = systemWaitClock }: { budgetMs: number; backoff?: Backoff; clock?: WaitClock },
): Promise<PollOutcome<T>> => {
  const started = clock.now();
  const deadline = started + Math.max(0, budgetMs);
  let pause = backoff.firstMs;
  for (let polls = 1; ; polls += 1) {
    const value = await read();
    const done = await isDone(value);
    const now = clock.now();
    if (done || now >= deadline) return { done, value, polls, waitedMs: now - started };
    await clock.sleep(Math.min(pause, deadline - now));
    pause = Math.min(pause * 2, backoff.maxMs);
  }
};
