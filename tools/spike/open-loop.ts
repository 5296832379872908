/** What one scheduled request did. */
export interface Attempt {
  index: number;
  /** When it was due and when it went, ms from the start of the run. */
  dueMs: number;
  sentMs: number;
  /** HTTP status; 0 when no answer came (refused connection, timeout). */
  status: number;
  /** From when it was due to its answer: waiting for a free connection counts, as a user's wait does. */
  latencyMs: number;
  /** The letter id a 202 named. */
  letterId?: string;
}

export interface OpenLoopOptions {
  offsets: readonly number[];
  /** Sends request i; resolves with its status (and letter id), whatever it is. */
  send: (index: number) => Promise<{ status: number; letterId?: string }>;
  /** Connections open at once; a request due while all are busy waits for one (its wait counts in its latency). */
  maxInFlight?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** How often the scheduler wakes to send what is due, ms. */
  tickMs?: number;
}

/**
 * Open-loop arrivals: every request is due at its time however many earlier ones still wait
 * for an answer, so a slow server meets the same schedule as a fast one (a closed loop would
 * slow down with it and hide the queueing). Latency runs from the time a request was due,
 * not from when a connection was free to send it, so no wait is left out of the figures.
 * Resolves once every answer is in.
 */
export const runOpenLoop = async ({
  offsets,
  send,
  maxInFlight = Number.POSITIVE_INFINITY,
  now = () => performance.now(),
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  tickMs = 2,
}: OpenLoopOptions): Promise<Attempt[]> => {
  const start = now();
  const attempts: Promise<Attempt>[] = [];
  const queued: number[] = [];
  let inFlight = 0;
  const launch = (index: number) => {
    inFlight += 1;
    const sentMs = now() - start;
    const dueMs = offsets[index]!;
    attempts[index] = send(index)
      .then(
        (answer) => ({ index, dueMs, sentMs, latencyMs: now() - start - dueMs, ...answer }),
        () => ({ index, dueMs, sentMs, status: 0, latencyMs: now() - start - dueMs }),
      )
      .finally(() => {
        inFlight -= 1;
        const waiting = queued.shift();
        if (waiting !== undefined) launch(waiting);
      });
  };
  let next = 0;
  while (next < offsets.length) {
    const elapsed = now() - start;
    while (next < offsets.length && offsets[next]! <= elapsed) {
      const index = next++;
      if (inFlight < maxInFlight) launch(index);
      else queued.push(index);
    }
    if (next < offsets.length) await sleep(Math.min(tickMs, Math.max(0, offsets[next]! - (now() - start))));
  }
  // Requests still queued start as earlier ones finish; wait until every one has its promise and answer.
  while (queued.length > 0 || attempts.length < offsets.length || attempts.some((a) => a === undefined)) await sleep(tickMs);
  return Promise.all(attempts);
};
