import { CONSUMERS, type BatchCost, type Calibration, type Consumer } from './inputs.js';

/** The part of infra/sizing.json the model falls back on. */
export interface SizingFigures {
  commandMs: number;
  consumers: Record<Consumer, { maxBatchSize: number; batchMs: { fixed: number; perRecord: number } }>;
}

// Which series of bench/results/latest.json's `scaling` measures which consumer's batches, and
// the projector its rows name (scaling.view holds both DynamoDB projectors).
const SCALING_SERIES: Record<Consumer, { series: string; projector: string }> = {
  'letters-view': { series: 'view', projector: 'project-letters' },
  'letters-analytics': { series: 'analytics', projector: 'project-analytics' },
  'letters-archive': { series: 'view', projector: 'archive-events' },
};

/** A consumer's rows of a scaling series at the lowest concurrency measured (the cost of a batch without contention). */
const rowsOf = (latest: unknown, consumer: Consumer): unknown[] => {
  const { series, projector } = SCALING_SERIES[consumer];
  const raw = (latest as { scaling?: Record<string, unknown> } | undefined)?.scaling?.[series];
  if (!Array.isArray(raw)) return [];
  const mine = raw.filter((row) => {
    const named = (row as { projector?: unknown } | null)?.projector;
    return named === undefined || named === projector;
  });
  const lowest = Math.min(...mine.map((row) => numberAt(row, ['concurrency']) ?? 1));
  return mine.filter((row) => (numberAt(row, ['concurrency']) ?? 1) === lowest);
};

const numberAt = (value: unknown, path: string[]): number | undefined => {
  let at = value;
  for (const key of path) at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
  return typeof at === 'number' && Number.isFinite(at) ? at : undefined;
};

/** A bench point as batch size and ms per batch, from whichever of batchMs or events/s it carries. */
const batchPoint = (point: unknown): { size: number; ms: number } | undefined => {
  const size = numberAt(point, ['batchSize']);
  if (size === undefined || size <= 0) return undefined;
  const ms = numberAt(point, ['batchMs']);
  if (ms !== undefined) return { size, ms };
  const rate = numberAt(point, ['eventsPerSecond']) ?? numberAt(point, ['eventsPerSec']);
  const concurrency = numberAt(point, ['concurrency']) ?? 1;
  return rate ? { size, ms: (1000 * size * concurrency) / rate } : undefined;
};

/** Least squares of ms = fixed + perRecord × size over points with at least two batch sizes; undefined otherwise. */
export const fitBatchCost = (points: readonly { size: number; ms: number }[]): BatchCost | undefined => {
  if (new Set(points.map((p) => p.size)).size < 2) return undefined;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.size, 0) / n;
  const my = points.reduce((s, p) => s + p.ms, 0) / n;
  const slope = points.reduce((s, p) => s + (p.size - mx) * (p.ms - my), 0) / points.reduce((s, p) => s + (p.size - mx) ** 2, 0);
  const perRecordMs = Math.max(0, slope);
  return { fixedMs: Math.max(0, my - perRecordMs * mx), perRecordMs };
};

/**
 * The model's measured figures: from bench/results/latest.json where it has them (command
 * duration, the projectors' batch costs at several batch sizes, the analytics database's best
 * rate), else from infra/sizing.json, with a note saying which figure fell back.
 */
export const calibrate = (latest: unknown, sizing: SizingFigures): Calibration => {
  const notes: string[] = [];
  const measuredCommand = numberAt(latest, ['command', 'p50Ms']);
  if (measuredCommand === undefined) notes.push(`bench/results/latest.json has no command.p50Ms: command duration ${sizing.commandMs} ms from infra/sizing.json`);
  const batches = Object.fromEntries(
    CONSUMERS.map((consumer) => {
      const fitted = fitBatchCost(rowsOf(latest, consumer).map(batchPoint).filter((p) => p !== undefined));
      if (fitted) return [consumer, fitted];
      const { fixed, perRecord } = sizing.consumers[consumer].batchMs;
      const { series, projector } = SCALING_SERIES[consumer];
      notes.push(`bench/results/latest.json has no scaling.${series}[] rows of ${projector} over several batch sizes: ${consumer} batch cost from infra/sizing.json`);
      return [consumer, { fixedMs: fixed, perRecordMs: perRecord }];
    }),
  ) as Record<Consumer, BatchCost>;
  const analyticsRates = ((latest as { scaling?: { analytics?: unknown } } | undefined)?.scaling?.analytics ?? []) as unknown[];
  const bestScaled = Array.isArray(analyticsRates)
    ? Math.max(0, ...analyticsRates.map((p) => numberAt(p, ['eventsPerSecond']) ?? numberAt(p, ['eventsPerSec']) ?? 0))
    : 0;
  const oneSession = numberAt(latest, ['projection', 'batchedEventsPerSec']);
  let analyticsDatabaseEventsPerSecond = bestScaled;
  if (bestScaled === 0) {
    const { fixedMs, perRecordMs } = batches['letters-analytics'];
    const size = sizing.consumers['letters-analytics'].maxBatchSize;
    analyticsDatabaseEventsPerSecond = oneSession ?? (1000 * size) / (fixedMs + perRecordMs * size);
    notes.push(
      oneSession !== undefined
        ? 'bench/results/latest.json has no scaling.analytics[] rates: the analytics database ceiling is one session\'s projection.batchedEventsPerSec'
        : 'bench/results/latest.json has no analytics projection rate: the analytics database ceiling is one environment at infra/sizing.json\'s batch cost',
    );
  }
  return { commandMs: measuredCommand ?? sizing.commandMs, batches, analyticsDatabaseEventsPerSecond, notes };
};
