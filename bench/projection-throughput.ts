import { randomUUID } from 'node:crypto';
import type { SQSEvent } from 'aws-lambda';
import { createAnalyticsStore } from '../shared/adapters/analytics-store.js';
import { createLettersStore } from '../shared/adapters/letters-store.js';
import { createSql } from '../shared/adapters/postgres-client.js';
import type { LetterEvent } from '../shared/domain/events.js';
import { createLogger } from '../shared/lambda/logger.js';
import { createMetrics } from '../shared/lambda/metrics.js';
import { projectBatch } from '../shared/lambda/project-batch.js';
import type { Projection } from '../shared/domain/ports.js';
import { anEvent, aLetter, aChild } from '../shared/testing/letters.js';
import { sqsEvent } from '../shared/testing/sqs-event.js';
import { dynamoClientFor, type BenchStandIns } from './stand-ins.js';
import { shuffle, spreadOf, timed, type Spread } from './stats.js';
import { testChildErasureKey, testChildPseudonym } from '../shared/testing/child-pseudonyms.js';

/** Events per second one consumer invocation achieves, each way, and batched over per-record per round. */
export interface StoreThroughput {
  batchedEventsPerSec: Spread;
  perRecordEventsPerSec: Spread;
  batchedVsPerRecord: Spread;
}

export interface ProjectionThroughput {
  postgresql: StoreThroughput;
  dynamodb: StoreThroughput;
  batchSize: number;
  invocations: number;
}

/** Applies each event in a write of its own, one after another: what a naive consumer does. */
const oneWritePerRecord = (store: Projection): Projection => ({
  apply: async (events) => {
    for (const event of events) await store.apply([event]);
  },
});

const COUNTRIES = ['SE', 'FI', 'NO', 'DK', 'DE', 'FR', 'GB', 'ES', 'IT', 'PL'];

/** A batch as the letters queues mostly carry: new letters, one event each, from different children. */
export const freshBatch = (size: number): LetterEvent[] =>
  Array.from({ length: size }, (_, i) => {
    const letterId = randomUUID();
    return anEvent('LetterSubmitted', {
      letterId,
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      letter: aLetter({
        child: aChild({ id: `child-${letterId.slice(0, 8)}`, country: COUNTRIES[i % COUNTRIES.length] as string }),
        toys: [
          { name: 'Wooden train', quantity: 1 },
          { name: `Puzzle ${i}`, quantity: 2 },
        ],
      }),
    });
  });

/**
 * One consumer invocation (the real projector function: parse, fold, write, report failures)
 * on a batch of `batchSize` fresh events: the store's batched write against one write per
 * record, alternating in random order, for PostgreSQL and DynamoDB.
 */
export const measureProjectionThroughput = async (
  standIns: BenchStandIns,
  { batchSize = 10, invocations = 30 } = {},
): Promise<ProjectionThroughput> => {
  const logger = createLogger('bench', 'SILENT');
  const metrics = createMetrics('bench', 'SantasWorkshopBench');
  // Metrics are measured elsewhere; dropped after each batch so none is printed mid-run.
  const consumerOf = (projection: Projection) => {
    const consume = projectBatch({ projection, logger, metrics });
    return (event: SQSEvent) => consume(event).finally(() => metrics.clearMetrics());
  };
  // Connected as the deployed projector is, through RDS Proxy: without prepared statements.
  const projectorUrl = new URL(standIns.database.url);
  projectorUrl.searchParams.set('prepare', 'false');
  const sql = createSql({ url: projectorUrl.toString() });
  const letters = createLettersStore({ childErasureKey: testChildErasureKey, client: dynamoClientFor(standIns), tableName: standIns.lettersTable });
  const consumers = {
    postgresql: {
      batched: consumerOf(createAnalyticsStore(sql, { childPseudonym: testChildPseudonym, batched: true })),
      perRecord: consumerOf(createAnalyticsStore(sql, { childPseudonym: testChildPseudonym, batched: false })),
    },
    dynamodb: {
      batched: consumerOf(letters),
      perRecord: consumerOf(oneWritePerRecord(letters)),
    },
  };
  const variants = Object.entries(consumers).flatMap(([store, ways]) =>
    Object.entries(ways).map(([way, consume]) => ({ store, way, consume })),
  );
  const run = async (consume: (typeof variants)[number]['consume']) => {
    const batch = sqsEvent(freshBatch(batchSize));
    let failures = 0;
    const ms = await timed(async () => {
      failures = (await consume(batch)).batchItemFailures.length;
    });
    if (failures > 0) throw new Error(`${failures} records failed in a projection benchmark batch`);
    return (batchSize / ms) * 1000;
  };
  for (let i = 0; i < 5; i++) for (const { consume } of variants) await run(consume); // warm-up
  const rates = new Map<string, number[]>(variants.map(({ store, way }) => [`${store}.${way}`, []]));
  const ratios = new Map<string, number[]>(Object.keys(consumers).map((store) => [store, []]));
  for (let i = 0; i < invocations; i++) {
    const round = new Map<string, number>();
    for (const { store, way, consume } of shuffle(variants)) round.set(`${store}.${way}`, await run(consume));
    for (const [key, rate] of round) rates.get(key)?.push(rate);
    for (const store of Object.keys(consumers)) {
      ratios.get(store)?.push((round.get(`${store}.batched`) as number) / (round.get(`${store}.perRecord`) as number));
    }
  }
  const figures = (store: string): StoreThroughput => ({
    batchedEventsPerSec: spreadOf(rates.get(`${store}.batched`) ?? []),
    perRecordEventsPerSec: spreadOf(rates.get(`${store}.perRecord`) ?? []),
    batchedVsPerRecord: spreadOf(ratios.get(store) ?? []),
  });
  await sql.end();
  return { postgresql: figures('postgresql'), dynamodb: figures('dynamodb'), batchSize, invocations };
};
