// Runs the local runtime in a process of its own for the lag benchmark (measureProjectionLag
// with inProcess: false): prints {"url":…} once ready, stops when stdin closes. Failed
// invocations are written to stderr, so retries behind a lag figure can be seen. FAULT_* variables
// inject faults as for make dev (the read-your-writes benchmark delays deliveries with them).
import { faultsFromEnv } from '../local/faults.js';
import { startLocalRuntime } from '../local/runtime.js';
import { wiring } from '../local/wiring.js';

const runtime = await startLocalRuntime({
  port: 0,
  // Every letter is its own small group, and each must show.
  analyticsMinChildren: 1,
  // A benchmark's apps send far more than a family's quota of commands a minute.
  commandsPerMinute: 100_000,
  logLevel: process.env.BENCH_LOG_LEVEL ?? 'SILENT',
  faults: faultsFromEnv(Object.keys(wiring.consumers)),
  log: (line) => {
    if (line.outcome !== 'ok') process.stderr.write(`${JSON.stringify(line)}\n`);
  },
});
process.stdout.write(`${JSON.stringify({ url: runtime.url })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void runtime.stop().then(() => process.exit(0));
});
