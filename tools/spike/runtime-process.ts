// The local runtime in a process of its own for make spike: prints its URL and queues once
// ready, stops when stdin closes. Failed invocations go to stderr, so retries can be seen.
import { startLocalRuntime } from '../../local/runtime.js';
import { serveUntilStdinCloses } from './child-process.js';

/** What the rehearsal needs of the runtime: its URL and each queue's and DLQ's URL. */
export interface SpikeRuntime {
  url: string;
  messagingEndpoint: string;
  queues: Record<string, { name: string; url: string; dlqUrl: string }>;
}

const pace = Number(process.env.SPIKE_PROJECTOR_EVENTS_PER_SECOND ?? 0);
const runtime = await startLocalRuntime({
  port: 0,
  ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
  logLevel: process.env.SPIKE_LOG_LEVEL ?? 'SILENT',
  // As on AWS (six times the function timeout): a batch slowed by a busy laptop is not delivered twice meanwhile.
  visibilityTimeoutSeconds: 60,
  ...(pace > 0 ? { projectorEventsPerSecond: pace } : {}),
  log: (line) => {
    if (line.outcome !== undefined && line.outcome !== 'ok') process.stderr.write(`${JSON.stringify(line)}\n`);
  },
});
const ready: SpikeRuntime = {
  url: runtime.url,
  messagingEndpoint: runtime.standIns.messagingEndpoint,
  queues: Object.fromEntries(Object.values(runtime.topology.queues).map((q) => [q.name, { name: q.name, url: q.url, dlqUrl: q.dlqUrl }])),
};
serveUntilStdinCloses(ready, () => runtime.stop());
