/**
 * Runs `work` every `intervalMs`, one run at a time (a slow run delays the next, never overlaps
 * it); the timer keeps no process alive, and stop() waits for the run under way.
 */
export const repeatEvery = (
  intervalMs: number,
  work: () => Promise<unknown>,
  onError: (error: unknown) => void,
): { stop(): Promise<void> } => {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(work).catch(onError);
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
};
