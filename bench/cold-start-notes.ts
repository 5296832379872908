import { fixed, kb } from './format.js';
import type { Measurements } from './results.js';

const INIT_FLOOR = 0.35;
const MIDDY_FLOOR_US = 10;

/** Which functions this run measured above the init floor, and the Middy stack against its floor. */
const againstFloors = (m: Measurements): string => {
  const above = m.bundles.filter((b) => b.initVsNaive.median > INIT_FLOOR);
  const init =
    m.bundles.length === 0
      ? 'Initialisation was not measured in this run.'
      : above.length === 0
        ? `Every function initialises in at most ${INIT_FLOOR}× its naive bundle's time.`
        : `Above ${INIT_FLOOR}× the naive bundle's time in this run: ${above.map((b) => `\`${b.name}\` ${fixed(b.initVsNaive.median, 2)}× (${kb(b.entryBytes)} loaded)`).join(', ')}.`;
  const middy =
    'error' in m.middy
      ? 'The Middy stack was not measured in this run.'
      : `The Middy stack costs ${fixed(m.middy.overheadUs.median, 1)} µs per request (floor ${MIDDY_FLOOR_US} µs).`;
  return `${init} ${middy}`;
};

/**
 * docs/performance.md's account of what a cold start and a request still spend, and why it is
 * worth it. The breakdown is hand-written from `tsx bench/init-profile.ts` (V8's sampling
 * profiler over fresh imports, each sample charged to the package whose code ran).
 */
export const coldStartNotes = (m: Measurements): string => `## What a cold start still spends, and why

${againstFloors(m)}

\`tsx bench/init-profile.ts [function…]\` charges every sample of a fresh import to the package whose
code ran. In every function most of the time is V8 compiling the code loaded at init, so it follows
the *loaded at init* column; the rest is evaluating the SDK's module graph, constructing the clients
and the logger, and Node loading its own \`https\`, \`tls\`, \`net\`, \`crypto\` and \`stream\` modules.

- **DynamoDB functions** (\`get-letter\`, \`list-child-letters\`, \`letter-history\`, \`project-letters\`,
  \`archive-events\`, about 230–250 KB loaded): \`@smithy/core\` (about 95 KB: the schema-driven
  JSON protocol, middleware stack, retry strategy, endpoint rules), \`@aws-sdk/client-dynamodb\` with
  \`lib-dynamodb\` (about 35 KB), \`@aws-sdk/core\` (about 22 KB), signing and the HTTP handler
  (about 17 KB), the Powertools logger (about 21 KB) and valibot's schemas (about 12 KB). Every
  request of these functions calls DynamoDB, so loading the client later would only move the same
  milliseconds into the first request, which its caller waits for just the same and which is billed
  just the same. They stay at about 0.4× their naive bundle: worth it, because the alternative to
  the SDK client is a hand-written DynamoDB protocol, signing and retry stack.
- **Command functions** (about 220 KB loaded): the SNS client on the same SDK core, the logger,
  the letter schema. What only some requests need (the idempotency records, about 100 KB with the
  DynamoDB client) and the Secrets Manager client are chunks loaded on demand. On AWS the letter id
  keys come from Secrets Manager, so there a cold start also loads that chunk (about 12 KB beside
  the shared SDK core) and waits for one \`GetSecretValue\` round trip: the key must be in memory
  before the first request, and keeping it out of the environment is a security rule.
- **PostgreSQL functions** (\`top-toys\`, \`analytics-summary\`, \`purge-expired\`, 70–90 KB loaded):
  \`postgres\` (about 38 KB), the logger and valibot, and Node's \`net\` and \`tls\`, which the first
  query needs. \`project-analytics\` (about 105 KB) adds Powertools metrics and the child pseudonym
  key; on AWS its cold start loads the Secrets Manager chunk and reads the secret, as the commands do.
- **\`migrate\`** runs once per deployment, during \`terraform apply\`, never in a spike; every run
  reads and fills Secrets Manager secrets, so its client stays loaded at init.
- **The Middy stack** per request: Middy itself (its early-timeout timer, about 1 µs), the
  Powertools logger's per-request keys (the Lambda context, the correlation id and their reset,
  about 3 µs: every log line of the request must carry them), the media type check, and for
  commands \`JSON.parse\` (inherent: the bare function is handed a parsed body) with the one walk
  for forbidden keys and depth (about 1 µs for a letter). Microseconds are well under 1% of a
  request that publishes to SNS or reads DynamoDB in milliseconds.`;
