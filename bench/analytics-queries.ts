import { createAnalyticsScan } from '../shared/adapters/analytics-scan.js';
import { checkAnalytics } from '../shared/adapters/analytics-check.js';
import { createAnalyticsStore } from '../shared/adapters/analytics-store.js';
import { runMigrations } from '../shared/adapters/migrations.js';
import type { AnalyticsReader } from '../shared/domain/ports.js';
import { seededRandom } from '../shared/testing/seeded-random.js';
import { startTestDatabase } from '../shared/testing/postgres.js';
import { aSeasonCountry, loadLetters } from './analytics-letters.js';
import { quantile, shuffle, timed } from './stats.js';
import { testChildPseudonym } from '../shared/testing/child-pseudonyms.js';

/** p50 and p99 of one query's latency, in ms, over `calls` calls. */
export interface Latency {
  p50Ms: number;
  p99Ms: number;
  calls: number;
}

/** Every query at one size of the letters table, from the aggregates and (revision 1) by scanning. */
export interface AnalyticsPoint {
  letters: number;
  topToys: Latency;
  topToysByCountry: Latency;
  summary: Latency;
  scanTopToys: Latency;
  scanTopToysByCountry: Latency;
  scanSummary: Latency;
}

export interface AnalyticsQueries {
  database: 'postgresql' | 'pglite';
  letters: number;
  points: AnalyticsPoint[];
  /** p50 at N over p50 at N/10, the worse of top toys and summary. */
  flatness: number;
  loadEventsPerSec: number;
  /** Aggregate rows that differ from a scan of the letters at the end (must be 0). */
  differences: number;
}

type Query = (reader: AnalyticsReader, random: () => number) => Promise<unknown>;
const QUERIES: Record<'topToys' | 'topToysByCountry' | 'summary', Query> = {
  topToys: (reader) => reader.topToys({ limit: 10 }),
  topToysByCountry: (reader, random) => reader.topToys({ limit: 10, country: aSeasonCountry(random) }),
  summary: (reader) => reader.summary(),
};

const latencyOf = (samples: number[]): Latency => ({ p50Ms: quantile(samples, 0.5), p99Ms: quantile(samples, 0.99), calls: samples.length });

/** Times each query `calls` times, the three interleaved in a fresh random order per round. */
const timeQueries = async (reader: AnalyticsReader, calls: number, random: () => number) => {
  const samples = { topToys: [] as number[], topToysByCountry: [] as number[], summary: [] as number[] };
  for (let i = 0; i < calls; i++) {
    for (const name of shuffle(Object.keys(QUERIES) as (keyof typeof QUERIES)[])) {
      samples[name].push(await timed(() => QUERIES[name](reader, random)));
    }
  }
  return { topToys: latencyOf(samples.topToys), topToysByCountry: latencyOf(samples.topToysByCountry), summary: latencyOf(samples.summary) };
};

/**
 * Loads `letters` letters through the projector's write path (aggregates on) into a fresh
 * database (DATABASE_URL's server, else PGlite), and at N/10 and N times the queries from the
 * aggregates (`calls` each) and the revision-1 scans on the same data (`scanCalls` each).
 */
export const measureAnalyticsQueries = async ({
  letters,
  databaseUrl,
  calls = 200,
  scanCalls = 5,
  onStep = (_: string) => {},
}: {
  letters: number;
  /** A PostgreSQL server to measure on (a schema of its own); PGlite without it. */
  databaseUrl: string | undefined;
  calls?: number;
  scanCalls?: number;
  onStep?: (what: string) => void;
}): Promise<AnalyticsQueries> => {
  const db = await startTestDatabase({ DATABASE_URL: databaseUrl });
  try {
    await runMigrations(db.sql);
    const store = createAnalyticsStore(db.sql, { childPseudonym: testChildPseudonym });
    const scan = createAnalyticsScan(db.sql);
    const random = seededRandom(2026);
    const points: AnalyticsPoint[] = [];
    let loaded = 0;
    const loadRates: number[] = [];
    for (const size of [Math.round(letters / 10), letters]) {
      onStep(`analytics: loading letters ${loaded.toLocaleString('en')}–${size.toLocaleString('en')}`);
      loadRates.push(await loadLetters(store, { from: loaded, to: size }));
      loaded = size;
      await db.sql`ANALYZE`;
      onStep(`analytics: ${calls} calls per query at ${size.toLocaleString('en')} letters, ${scanCalls} per scan`);
      await timeQueries(store, 5, random); // warm-up
      const aggregated = await timeQueries(store, calls, random);
      const scanned = await timeQueries(scan, scanCalls, random);
      points.push({
        letters: size,
        ...aggregated,
        scanTopToys: scanned.topToys,
        scanTopToysByCountry: scanned.topToysByCountry,
        scanSummary: scanned.summary,
      });
    }
    const [small, large] = points as [AnalyticsPoint, AnalyticsPoint];
    onStep('analytics: checking the aggregates against a scan');
    const check = await checkAnalytics(db.sql);
    return {
      database: databaseUrl ? 'postgresql' : 'pglite',
      letters,
      points,
      flatness: Math.max(large.topToys.p50Ms / small.topToys.p50Ms, large.summary.p50Ms / small.summary.p50Ms),
      loadEventsPerSec: loadRates.reduce((a, b) => a + b, 0) / loadRates.length,
      differences: check.differences.length + check.lettersNotCounted,
    };
  } finally {
    await db.stop();
  }
};
