/** One cell of a scaling run: a projector at `concurrency` writers of `batchSize`-event batches. */
export interface ScalingRow {
  concurrency: number;
  batchSize: number;
  /** Median over the rounds. */
  eventsPerSec: number;
  /** Of the sampled active backends of this run's writers, the share waiting on a lock (pg_stat_activity.wait_event_type = 'Lock'), median over the rounds. */
  lockWaitShare: number;
}

/** Writers at once, as Lambda's event source mapping would run the projector. */
export const SCALING_CONCURRENCIES = [1, 2, 4, 8] as const;

/** The best cell: the highest events/s. */
export const bestOf = (rows: readonly ScalingRow[]): ScalingRow | undefined =>
  rows.reduce<ScalingRow | undefined>((best, row) => (!best || row.eventsPerSec > best.eventsPerSec ? row : best), undefined);

/** The cell for a concurrency and batch size, if measured. */
export const cellOf = (rows: readonly ScalingRow[], concurrency: number, batchSize: number): ScalingRow | undefined =>
  rows.find((row) => row.concurrency === concurrency && row.batchSize === batchSize);

/** A markdown table: one line per batch size, events/s (lock-wait share) per concurrency. */
export const scalingTable = (rows: readonly ScalingRow[]): string => {
  const concurrencies = [...new Set(rows.map((row) => row.concurrency))].sort((a, b) => a - b);
  const batchSizes = [...new Set(rows.map((row) => row.batchSize))].sort((a, b) => a - b);
  const cell = (c: number, b: number) => {
    const row = cellOf(rows, c, b);
    return row ? `${Math.round(row.eventsPerSec).toLocaleString('en')} (${(row.lockWaitShare * 100).toFixed(0)}%)` : '–';
  };
  return [
    `| batch size | ${concurrencies.map((c) => `${c} × events/s (lock waits)`).join(' | ')} |`,
    `|---|${concurrencies.map(() => '---').join('|')}|`,
    ...batchSizes.map((b) => `| ${b} | ${concurrencies.map((c) => cell(c, b)).join(' | ')} |`),
  ].join('\n');
};
