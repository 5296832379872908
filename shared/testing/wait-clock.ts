import type { WaitClock } from '../http/poll-until.js';

/** A clock that moves only when slept on, so a wait is measured exactly and takes no time; records each pause. */
export const fakeWaitClock = (start = 0): WaitClock & { pauses: number[]; elapsed: () => number } => {
  let now = start;
  const pauses: number[] = [];
  return { pauses, now: () => now, sleep: async (ms) => void (pauses.push(ms), (now += ms)), elapsed: () => now - start };
};
