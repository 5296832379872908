/**
 * A budget of `eventsPerSecond` records a second shared by all of one consumer's pollers:
 * after a batch of n records, a poller waits until the budget has room for them before it
 * receives again. On AWS each projector environment has its own CPU; on a laptop every
 * projector shares the cores with the commands, so a rehearsal paces them to keep that
 * contention out of the command latency it measures (the backlog then shows a slower read
 * side). The wait comes before the next receive, never while messages are in flight, so it
 * cannot outlast their visibility timeout.
 */
export const createPace = (
  eventsPerSecond: number,
  { now = () => performance.now(), sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) } = {},
): ((records: number) => Promise<void>) => {
  let budgetFreeAt = 0; // when the records handled so far fit the budget, ms
  return async (records) => {
    budgetFreeAt = Math.max(now(), budgetFreeAt) + (records * 1000) / eventsPerSecond;
    const wait = budgetFreeAt - now();
    if (wait > 0) await sleep(wait);
  };
};
