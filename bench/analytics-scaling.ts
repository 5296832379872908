import type { Sql } from 'postgres';
import { checkAnalytics } from '../shared/adapters/analytics-check.js';
import { createAnalyticsStore } from '../shared/adapters/analytics-store.js';
import { migrations, runMigrations, type Migration } from '../shared/adapters/migrations.js';
import { createSql } from '../shared/adapters/postgres-client.js';
import type { LetterEvent } from '../shared/domain/events.js';
import { testChildPseudonym } from '../shared/testing/child-pseudonyms.js';
import { startTestDatabase, type TestDatabase } from '../shared/testing/postgres.js';
import { seededRandom } from '../shared/testing/seeded-random.js';
import { SCALING_CONCURRENCIES, type ScalingRow } from './scaling.js';
import { shuffle, spreadOf, type Spread } from './stats.js';
import { zipfLetters } from './zipf-letters.js';

/** The batch size the sizing formula picks for the analytics consumer at high peaks. */
export const ANALYTICS_PEAK_BATCH_SIZE = 250;
/** Batch sizes measured: the deployed default, a larger one, and the peak size. */
export const ANALYTICS_SCALING_BATCH_SIZES = [10, 100, ANALYTICS_PEAK_BATCH_SIZE] as const;

// How often pg_stat_activity is sampled while the writers run.
const SAMPLE_EVERY_MS = 4;

/** A cell's figures over the rounds, median and extremes. */
export interface ScalingCell {
  concurrency: number;
  batchSize: number;
  eventsPerSec: Spread;
  lockWaitShare: Spread;
}

export interface AnalyticsScaling {
  database: 'postgresql';
  eventsPerCell: number;
  rounds: number;
  /** The aggregates of this revision (migration 004: pending rows and one folder). */
  cells: ScalingCell[];
  /** The same cells with the aggregates of migration 003 (every batch updates the shared rows), in the same rounds. */
  baselineCells: ScalingCell[];
  /** Aggregate rows that differ from a scan of the letters after the last round (must be 0). */
  differences: number;
}

interface Variant {
  name: 'current' | 'baseline';
  db: TestDatabase;
  writers: Sql[];
  sampler: Sql;
  pids: number[];
}

const setUpVariant = async (name: Variant['name'], databaseUrl: string, list: readonly Migration[]): Promise<Variant> => {
  const db = await startTestDatabase({ DATABASE_URL: databaseUrl });
  await runMigrations(db.sql, { migrations: list });
  // As the deployed projector connects, through RDS Proxy: one connection per instance, no prepared statements.
  const url = new URL(db.url);
  url.searchParams.set('prepare', 'false');
  const writers = Array.from({ length: Math.max(...SCALING_CONCURRENCIES) }, () => createSql({ url: url.toString() }));
  const pids = await Promise.all(writers.map(async (writer) => Number((await writer`SELECT pg_backend_pid() AS pid`)[0]?.pid)));
  return { name, db, writers, sampler: createSql({ url: db.url }), pids };
};

/** Share of the sampled active backends (only these pids) that wait on a lock, while `work` runs. */
const sampleLockWaits = async (sampler: Sql, pids: number[], work: Promise<unknown>): Promise<number> => {
  let active = 0;
  let waiting = 0;
  let done = false;
  void work.finally(() => (done = true)).catch(() => {});
  // An array literal: the clients skip type discovery (fetch_types: false), so they send no int[].
  const pidList = `{${pids.join(',')}}`;
  while (!done) {
    const [row] = await sampler`
      SELECT count(*) AS active, count(*) FILTER (WHERE wait_event_type = 'Lock') AS waiting
      FROM pg_stat_activity WHERE pid = ANY(${pidList}::int[]) AND state = 'active'`;
    active += Number(row?.active ?? 0);
    waiting += Number(row?.waiting ?? 0);
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
  }
  await work;
  return active === 0 ? 0 : waiting / active;
};

/** Applies `batches` with `concurrency` writers pulling the next batch as they finish; events/s and lock-wait share. */
const runCell = async (variant: Variant, batches: LetterEvent[][], concurrency: number) => {
  await variant.db.sql`TRUNCATE letters, analytics_letter_children, analytics_child_tombstones, analytics_letter_tombstones`;
  const stores = variant.writers.slice(0, concurrency).map((writer) => createAnalyticsStore(writer, { childPseudonym: testChildPseudonym }));
  let next = 0;
  const started = performance.now();
  const work = Promise.all(
    stores.map(async (store) => {
      while (next < batches.length) await store.apply(batches[next++] as LetterEvent[]);
    }),
  );
  const lockWaitShare = await sampleLockWaits(variant.sampler, variant.pids.slice(0, concurrency), work);
  const seconds = (performance.now() - started) / 1000;
  return { eventsPerSec: batches.reduce((n, batch) => n + batch.length, 0) / seconds, lockWaitShare };
};

const toBatches = (events: LetterEvent[], size: number): LetterEvent[][] =>
  Array.from({ length: Math.ceil(events.length / size) }, (_, i) => events.slice(i * size, (i + 1) * size));

/**
 * The analytics projector's write at 1, 2, 4 and 8 concurrent writers × batch sizes 10, 100
 * and ANALYTICS_PEAK_BATCH_SIZE, on fresh Zipf letters, against this revision's aggregates and,
 * in the same rounds in random order, migration 003's: events/s and the share of sampled active
 * backends waiting on a lock. Each cell applies `eventsPerCell` events to emptied tables.
 */
export const measureAnalyticsScaling = async ({
  databaseUrl,
  eventsPerCell = 10_000,
  rounds = 3,
  onStep = (_: string) => {},
}: {
  databaseUrl: string;
  eventsPerCell?: number;
  rounds?: number;
  onStep?: (what: string) => void;
}): Promise<AnalyticsScaling> => {
  const variants = [
    await setUpVariant('current', databaseUrl, migrations),
    await setUpVariant('baseline', databaseUrl, migrations.filter((migration) => migration.version <= 3)),
  ];
  try {
    const cells = SCALING_CONCURRENCIES.flatMap((concurrency) => ANALYTICS_SCALING_BATCH_SIZES.map((batchSize) => ({ concurrency, batchSize })));
    const samples = new Map<string, { eventsPerSec: number[]; lockWaitShare: number[] }>();
    const random = seededRandom(1224);
    for (let round = 1; round <= rounds; round++) {
      onStep(`analytics scaling: round ${round} of ${rounds}, ${cells.length} cells × ${variants.length} variants`);
      for (const { concurrency, batchSize } of shuffle(cells)) {
        const events = zipfLetters(eventsPerCell, random);
        for (const variant of shuffle(variants)) {
          const figures = await runCell(variant, toBatches(events, batchSize), concurrency);
          const key = `${variant.name} ${concurrency} ${batchSize}`;
          const sample = samples.get(key) ?? { eventsPerSec: [], lockWaitShare: [] };
          sample.eventsPerSec.push(figures.eventsPerSec);
          sample.lockWaitShare.push(figures.lockWaitShare);
          samples.set(key, sample);
        }
      }
    }
    const cellsOf = (name: Variant['name']): ScalingCell[] =>
      cells.map(({ concurrency, batchSize }) => {
        const sample = samples.get(`${name} ${concurrency} ${batchSize}`) ?? { eventsPerSec: [], lockWaitShare: [] };
        return { concurrency, batchSize, eventsPerSec: spreadOf(sample.eventsPerSec), lockWaitShare: spreadOf(sample.lockWaitShare) };
      });
    const check = await checkAnalytics(variants[0]!.db.sql);
    return {
      database: 'postgresql',
      eventsPerCell,
      rounds,
      cells: cellsOf('current'),
      baselineCells: cellsOf('baseline'),
      differences: check.differences.length + check.lettersNotCounted,
    };
  } finally {
    for (const variant of variants) {
      await Promise.all([...variant.writers, variant.sampler].map((sql) => sql.end()));
      await variant.db.stop();
    }
  }
};

/** The medians of each cell, as latest.json and the charts carry them. */
export const scalingRows = (cells: readonly ScalingCell[]): ScalingRow[] =>
  cells.map(({ concurrency, batchSize, eventsPerSec, lockWaitShare }) => ({
    concurrency,
    batchSize,
    eventsPerSec: Math.round(eventsPerSec.median),
    lockWaitShare: Number(lockWaitShare.median.toFixed(3)),
  }));
