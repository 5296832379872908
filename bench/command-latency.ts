import { submitLetter } from '../handlers/submit-letter/submit-letter.js';
import { createAnalyticsStore } from '../shared/adapters/analytics-store.js';
import { createLettersStore } from '../shared/adapters/letters-store.js';
import { createSnsPublisher } from '../shared/adapters/sns-publisher.js';
import { systemIdsAndClock } from '../shared/domain/ids.js';
import { createLetterIds, generateLetterIdKeySet } from '../shared/domain/letter-ids.js';
import { createLogger } from '../shared/lambda/logger.js';
import { jsonHttpHandler } from '../shared/http/middleware.js';
import { anIdempotencyStore } from '../shared/testing/dynalite.js';
import { httpEvent } from '../shared/testing/http-event.js';
import { lambdaContext } from '../shared/testing/lambda-context.js';
import { letterBody } from '../shared/testing/letter-bodies.js';
import { crudSubmitLetter } from './crud-baseline.js';
import type { BenchStandIns } from './stand-ins.js';
import { dynamoClientFor } from './stand-ins.js';
import { quantile, shuffle, spreadOf, timed, type Spread } from './stats.js';
import { testChildErasureKey, testChildPseudonym } from '../shared/testing/child-pseudonyms.js';
import { unlimitedQuota } from '../shared/testing/fakes.js';

/** p50 and p99 of one way of handling POST /letters, as spreads over runs. */
export interface LatencyFigures {
  p50Ms: Spread;
  p99Ms: Spread;
}

export interface CommandVsCrud {
  command: LatencyFigures;
  /** The command with an Idempotency-Key: its idempotency record written (and completed) besides the publish. */
  keyedCommand: LatencyFigures;
  crud: LatencyFigures;
  /** command p50 / CRUD p50 (and p99), per run. */
  p50Ratio: Spread;
  p99Ratio: Spread;
  /** keyed command p50 / CRUD p50, per run. */
  keyedP50Ratio: Spread;
  /** What the ownership check of PUT and DELETE costs: one letter id MAC verified, in µs. */
  ownershipCheckUs: number;
  runs: number;
  requestsPerRun: number;
}

const VARIANTS = ['command', 'keyedCommand', 'crud'] as const;
type Variant = (typeof VARIANTS)[number];

/** µs per ownership check of a letter id (an HMAC-SHA256 and a constant-time compare), median of rounds. */
export const measureOwnershipCheck = ({ checks = 20_000, rounds = 15 } = {}): number => {
  const letterIds = createLetterIds(generateLetterIdKeySet());
  const ids = Array.from({ length: 64 }, (_, i) => letterIds.fresh(`family-${i}`));
  let owned = 0;
  const perRound: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (let i = 0; i < checks; i++) if (letterIds.isOwnedBy(ids[i % ids.length]!, `family-${i % ids.length}`)) owned++;
    perRound.push(((performance.now() - started) * 1000) / checks);
  }
  if (owned !== checks * rounds) throw new Error('the ownership check refused an owned id');
  return Number(quantile(perRound, 0.5).toFixed(2));
};

/**
 * POST /letters through the same Middy stack three ways, against the same stand-ins, interleaved
 * in random order: the command (validate, publish to SNS, 202), the same with an Idempotency-Key
 * (plus its record in the idempotency table), and the CRUD baseline (validate, write DynamoDB
 * and PostgreSQL, 201). Each keyed request has a key of its own, so every one writes a record.
 */
export const measureCommandVsCrud = async (
  standIns: BenchStandIns,
  { runs = 5, requestsPerRun = 150 } = {},
): Promise<CommandVsCrud> => {
  const logger = createLogger('bench', 'SILENT');
  const deps = {
    publish: createSnsPublisher({ client: standIns.sns, topicArn: standIns.topicArn }),
    idsAndClock: systemIdsAndClock,
    letterIds: createLetterIds(generateLetterIdKeySet()),
    idempotency: await anIdempotencyStore(standIns.dynamo),
    // Without the per-account quota write (one conditional UpdateItem per command on AWS).
    takeQuota: unlimitedQuota,
  };
  const command = jsonHttpHandler(logger, submitLetter(deps));
  const letters = createLettersStore({ childErasureKey: testChildErasureKey, client: dynamoClientFor(standIns), tableName: standIns.lettersTable });
  const analytics = createAnalyticsStore(standIns.database.sql, { childPseudonym: testChildPseudonym });
  const crud = jsonHttpHandler(logger, crudSubmitLetter({ letters, analytics, idsAndClock: systemIdsAndClock, letterIds: deps.letterIds }));
  const context = lambdaContext('submit-letter');
  let child = 0;
  // A child (and key) of its own per request, so no write contends with another for one partition or row.
  const request = (headers: Record<string, string> = {}) =>
    httpEvent({ body: letterBody({ child: { id: `child-${++child}`, name: 'Lotta', age: 7, country: 'SE' } }), headers });
  const variants: Record<Variant, () => Promise<unknown>> = {
    command: () => command(request(), context),
    keyedCommand: () => command(request({ 'idempotency-key': `bench-${child + 1}` }), context),
    crud: () => crud(request(), context),
  };

  for (let i = 0; i < 30; i++) for (const invoke of Object.values(variants)) await invoke(); // warm-up: JIT, connections
  const perRun = Object.fromEntries(VARIANTS.map((name) => [name, { p50: [] as number[], p99: [] as number[] }])) as Record<Variant, { p50: number[]; p99: number[] }>;
  const ratios = { p50: [] as number[], p99: [] as number[], keyedP50: [] as number[] };
  for (let run = 0; run < runs; run++) {
    const samples = Object.fromEntries(VARIANTS.map((name) => [name, [] as number[]])) as Record<Variant, number[]>;
    for (let i = 0; i < requestsPerRun; i++) {
      for (const name of shuffle(VARIANTS)) samples[name].push(await timed(variants[name]));
    }
    for (const name of VARIANTS) {
      perRun[name].p50.push(quantile(samples[name], 0.5));
      perRun[name].p99.push(quantile(samples[name], 0.99));
    }
    ratios.p50.push(quantile(samples.command, 0.5) / quantile(samples.crud, 0.5));
    ratios.p99.push(quantile(samples.command, 0.99) / quantile(samples.crud, 0.99));
    ratios.keyedP50.push(quantile(samples.keyedCommand, 0.5) / quantile(samples.crud, 0.5));
    standIns.fauxqs.purgeAll(); // the queue is only there so that publishing fans out; keep it small
  }
  const figures = (name: Variant): LatencyFigures => ({ p50Ms: spreadOf(perRun[name].p50), p99Ms: spreadOf(perRun[name].p99) });
  return {
    command: figures('command'),
    keyedCommand: figures('keyedCommand'),
    crud: figures('crud'),
    p50Ratio: spreadOf(ratios.p50),
    p99Ratio: spreadOf(ratios.p99),
    keyedP50Ratio: spreadOf(ratios.keyedP50),
    ownershipCheckUs: measureOwnershipCheck(),
    runs,
    requestsPerRun,
  };
};
