// `make dev`: the whole of Santa's Workshop on this machine, no AWS account needed.
import { wiring } from './wiring.js';
import { faultsEnabled, faultsFromEnv } from './faults.js';
import { startLocalRuntime } from './runtime.js';

const port = Number(process.env.PORT ?? 3000);
const dataDir = process.env.DATA_DIR || undefined;
const databaseUrl = process.env.DATABASE_URL || undefined;
// Off unless FAULT_* variables are set (docs/operations.md).
const faults = faultsFromEnv(Object.keys(wiring.consumers));
const visibilityTimeoutSeconds = Number(process.env.VISIBILITY_TIMEOUT_SECONDS ?? 2);

const runtime = await startLocalRuntime({
  port,
  ...(dataDir ? { dataDir } : {}),
  ...(databaseUrl ? { databaseUrl } : {}),
  visibilityTimeoutSeconds,
  logLevel: process.env.LOG_LEVEL ?? 'WARN',
  faults,
});
if (faultsEnabled(faults)) console.warn(`⚠ fault injection is on: ${JSON.stringify(faults)}`);

const url = runtime.url.replace('127.0.0.1', 'localhost');
console.log(`
🎅 Santa's Workshop is running at ${url}
   state: ${dataDir ? `kept in ${dataDir}` : 'in memory (set DATA_DIR to keep it)'}; PostgreSQL: ${databaseUrl ? 'DATABASE_URL' : 'embedded PGlite'}

   curl -si -X POST ${url}/letters -H 'content-type: application/json' \\
     -d '{"child":{"id":"lotta-2019","name":"Lotta","age":7,"country":"SE"},"toys":[{"name":"Wooden train","quantity":1}]}'
   curl -s ${url}/letters/<letterId>
   curl -s ${url}/children/lotta-2019/letters
   curl -s ${url}/analytics/toys/top
   curl -s ${url}/analytics/summary
   curl -s ${url}/openapi.json

   Ctrl-C stops everything.
`);

let stopping = false;
const shutDown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  await runtime.stop();
  console.log('stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void shutDown('SIGINT'));
process.on('SIGTERM', () => void shutDown('SIGTERM'));
