import type { AnalyticsScaling } from './analytics-scaling.js';
import { scalingRows } from './analytics-scaling.js';
import { bestOf, cellOf, SCALING_CONCURRENCIES } from './scaling.js';

type Check = (figure: string, value: number, limit: number, unit: string, kind?: 'max' | 'min') => void;

const HIGHEST = Math.max(...SCALING_CONCURRENCIES);

/**
 * The scaling floors: at the highest concurrency at most 10% of sampled active writers wait on a
 * lock (every batch size), the best cell reaches 10,000 events/s, and 8 writers are not slower
 * than 2 at any batch size; the aggregates still equal a scan.
 */
export const scalingFloors = (s: AnalyticsScaling, check: Check): void => {
  const rows = scalingRows(s.cells);
  const batchSizes = [...new Set(rows.map((row) => row.batchSize))];
  check(`analytics lock-wait share at ${HIGHEST} writers (worst batch size)`, Math.max(...rows.filter((r) => r.concurrency === HIGHEST).map((r) => r.lockWaitShare)), 0.1, '');
  check('analytics best scaling cell', bestOf(rows)?.eventsPerSec ?? 0, 10_000, 'events/s', 'min');
  check(
    `analytics ${HIGHEST} writers over 2 (worst batch size)`,
    Math.min(...batchSizes.map((b) => (cellOf(rows, HIGHEST, b)?.eventsPerSec ?? 0) / (cellOf(rows, 2, b)?.eventsPerSec ?? Number.NaN))),
    1,
    '×',
    'min',
  );
  check('analytics scaling differences from a scan', s.differences, 0, 'rows');
};

/** The `scaling` section of latest.json: `analytics[]` (medians), the migration 003 baseline, each cell's range. */
export const scalingJson = (s: AnalyticsScaling) => ({
  analytics: scalingRows(s.cells),
  analyticsBaseline: scalingRows(s.baselineCells),
  analyticsRange: s.cells.map((c) => ({
    concurrency: c.concurrency,
    batchSize: c.batchSize,
    eventsPerSecMin: Math.round(c.eventsPerSec.min),
    eventsPerSecMax: Math.round(c.eventsPerSec.max),
    lockWaitShareMin: Number(c.lockWaitShare.min.toFixed(3)),
    lockWaitShareMax: Number(c.lockWaitShare.max.toFixed(3)),
  })),
  analyticsRuns: { database: s.database, eventsPerCell: s.eventsPerCell, rounds: s.rounds, differences: s.differences },
});
