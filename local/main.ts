// `make dev`: the whole of Santa's Workshop on this machine, no AWS account needed.
import { wiring } from './wiring.js';
import { faultsEnabled, faultsFromEnv } from './faults.js';
import { ELF_SCOPE, FAMILY_SCOPE } from './identity/token-client.js';
import { MAX_EXPIRES_IN } from './identity/token-request.js';
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
  // Checked by the functions at cold start, as on AWS.
  ...(process.env.RETENTION_DAYS ? { retentionDays: Number(process.env.RETENTION_DAYS) } : {}),
  ...(process.env.ANALYTICS_MIN_CHILDREN ? { analyticsMinChildren: Number(process.env.ANALYTICS_MIN_CHILDREN) } : {}),
  ...(process.env.COMMANDS_PER_MINUTE ? { commandsPerMinute: Number(process.env.COMMANDS_PER_MINUTE) } : {}),
});
if (faultsEnabled(faults)) console.warn(`⚠ fault injection is on: ${JSON.stringify(faults)}`);

const url = runtime.url.replace('127.0.0.1', 'localhost');
// A day, so a working session does not lose its tokens; they stay valid across a restart on the same DATA_DIR and PORT.
const token = async (sub: string, scope: string) => (await runtime.identity.mint({ sub, scope, expiresIn: MAX_EXPIRES_IN })).access_token;
const [familyToken, elfToken] = await Promise.all([token('family-1', FAMILY_SCOPE), token('elf-1', ELF_SCOPE)]);
console.log(`
🎅 Santa's Workshop is running at ${url}
   state: ${dataDir ? `kept in ${dataDir}` : 'in memory (set DATA_DIR to keep it)'}; PostgreSQL: ${databaseUrl ? 'DATABASE_URL' : 'embedded PGlite'}

   Every route needs a token. Paste these (a family, family-1, and an elf, elf-1; valid 24 h),
   or make more with: make token SUB=family-2 SCOPE=${FAMILY_SCOPE}

export FAMILY_TOKEN=${familyToken}
export ELF_TOKEN=${elfToken}

   curl -si -X POST ${url}/letters -H "Authorization: Bearer $FAMILY_TOKEN" -H 'content-type: application/json' \\
     -d '{"child":{"id":"lotta-2019","name":"Lotta","age":7,"country":"SE"},"toys":[{"name":"Wooden train","quantity":1}]}'
   curl -s ${url}/letters/<letterId> -H "Authorization: Bearer $FAMILY_TOKEN"
   curl -s ${url}/children/lotta-2019/letters -H "Authorization: Bearer $FAMILY_TOKEN"
   curl -s ${url}/analytics/toys/top -H "Authorization: Bearer $ELF_TOKEN"
   curl -s ${url}/analytics/summary -H "Authorization: Bearer $ELF_TOKEN"
   curl -s ${url}/openapi.json

   The workshop console (sign in as an elf, with operations): ${url}/console/

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
