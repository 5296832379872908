/** Reports progress of a long run: a redrawn bar on a terminal, a plain line now and then otherwise. */
export interface Progress {
  /** `done` so far, out of `total` when known. */
  update(done: number, total?: number): void;
  /** The last line, with the final count. */
  finish(message: string): void;
}

const BAR_WIDTH = 30;
// Plain output goes to logs (CI, pipes), so it stays sparse: a line per 10 % or per 5 s.
const PLAIN_INTERVAL_MS = 5_000;

/** A progress reporter for `stream`; it draws a bar only when the stream is a TTY. */
export const createProgress = (
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
  now: () => number = Date.now,
): Progress => {
  const started = now();
  let lastLine = 0;
  let lastTenth = -1;
  const rate = (done: number) => Math.round(done / Math.max(0.001, (now() - started) / 1000));
  return {
    update: (done, total) => {
      const fraction = total ? Math.min(1, done / total) : undefined;
      const text = `${label}: ${done}${total ? `/~${total}` : ''} events (${rate(done)}/s)`;
      if (stream.isTTY) {
        const filled = fraction === undefined ? 0 : Math.round(fraction * BAR_WIDTH);
        const bar = fraction === undefined ? '' : `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] `;
        stream.write(`\r${bar}${text}\x1b[K`);
        return;
      }
      const tenth = fraction === undefined ? -1 : Math.floor(fraction * 10);
      if (tenth > lastTenth || now() - lastLine >= PLAIN_INTERVAL_MS) {
        lastTenth = Math.max(lastTenth, tenth);
        lastLine = now();
        stream.write(`${text}\n`);
      }
    },
    finish: (message) => {
      stream.write(`${stream.isTTY ? '\r\x1b[K' : ''}${label}: ${message} in ${((now() - started) / 1000).toFixed(1)} s\n`);
    },
  };
};
