import { readFileSync, writeFileSync } from 'node:fs';
import type { ConsumerName } from '../tools/peak/derive-settings.js';

/** One measured configuration of a projector: its throughput at a concurrency and batch size. */
export interface ScalingRow {
  concurrency: number;
  batchSize: number;
  eventsPerSec: number;
  /** Share of sampled database sessions waiting on a lock; null where the store has no locks to wait on. */
  lockWaitShare: number | null;
}

/** A batch's cost in ms: fixed per invocation plus per record. */
export interface BatchCost {
  fixed: number;
  perRecord: number;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * The batch cost that fits the single-writer rows best (least squares of batch time on batch
 * size): a batch of b records took 1000 × b / eventsPerSec ms.
 */
export const fitBatchCost = (rows: readonly ScalingRow[]): BatchCost => {
  const points = rows.filter((r) => r.concurrency === 1).map((r) => ({ b: r.batchSize, ms: (1000 * r.batchSize) / r.eventsPerSec }));
  const sizes = new Set(points.map((p) => p.b));
  if (sizes.size < 2) throw new Error('fitting a batch cost needs single-writer rows at two batch sizes at least');
  const meanB = points.reduce((s, p) => s + p.b, 0) / points.length;
  const meanMs = points.reduce((s, p) => s + p.ms, 0) / points.length;
  const slope = points.reduce((s, p) => s + (p.b - meanB) * (p.ms - meanMs), 0) / points.reduce((s, p) => s + (p.b - meanB) ** 2, 0);
  // A negative intercept or slope is noise on a flat cost: keep the cost positive and the fit's mean.
  const perRecord = Math.max(slope, 0.001);
  const fixed = Math.max(meanMs - perRecord * meanB, 0);
  return { fixed: round3(fixed), perRecord: round3(perRecord) };
};

/** Writes measured batch costs (and where they come from) into a sizing.json, keeping everything else. */
export const writeBatchCosts = (file: string, costs: Partial<Record<ConsumerName, BatchCost>>, source: string, measuredAt: Date): void => {
  const sizing = JSON.parse(readFileSync(file, 'utf8')) as { source: string; measuredAt: string; consumers: Record<string, { batchMs: BatchCost }> };
  for (const [name, cost] of Object.entries(costs)) {
    const consumer = sizing.consumers[name];
    if (!consumer) throw new Error(`${file} has no consumer ${name}`);
    consumer.batchMs = cost;
  }
  sizing.source = source;
  sizing.measuredAt = measuredAt.toISOString();
  writeFileSync(file, `${JSON.stringify(sizing, null, 2)}\n`);
};
