// Runs the local runtime in a process of its own for the lag benchmark, so the polling client
// does not share the runtime's event loop: prints {"url":…} once ready, stops when stdin closes.
import { startLocalRuntime } from '../local/runtime.js';

const runtime = await startLocalRuntime({ port: 0, logLevel: process.env.BENCH_LOG_LEVEL ?? 'SILENT', log: (line) => { if (line.outcome !== 'ok') process.stderr.write(JSON.stringify(line) + '\n'); } });
process.stdout.write(`${JSON.stringify({ url: runtime.url })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void runtime.stop().then(() => process.exit(0));
});
