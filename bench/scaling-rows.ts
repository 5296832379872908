import type { AnalyticsScaling } from './analytics-scaling.js';
import { scalingRows } from './analytics-scaling.js';
import type { FloorCheck } from './results.js';
import { bestOf, cellOf } from './scaling.js';
import type { SummaryRow } from './summary-rows.js';

const floorOf = (floors: FloorCheck[], startsWith: string): Pick<SummaryRow, 'floor' | 'status'> => {
  const check = floors.find((f) => f.figure.startsWith(startsWith));
  return check ? { floor: `${check.kind === 'max' ? '≤' : '≥'} ${check.limit} ${check.unit}`.trim(), status: check.met ? '✓ met' : '✗ missed' } : { floor: '', status: '' };
};

/** The scaling lines of the summary: the best cell, 8 writers against 2, lock waits, each beside migration 003's. */
export const scalingSummaryRows = (s: AnalyticsScaling, floors: FloorCheck[]): SummaryRow[] => {
  const rows = scalingRows(s.cells);
  const baseline = scalingRows(s.baselineCells);
  const best = bestOf(rows);
  const bestBefore = bestOf(baseline);
  const highest = Math.max(...rows.map((r) => r.concurrency));
  const share = (list: typeof rows) => Math.max(...list.filter((r) => r.concurrency === highest).map((r) => r.lockWaitShare));
  const ratio = (list: typeof rows) =>
    Math.min(...[...new Set(list.map((r) => r.batchSize))].map((b) => (cellOf(list, highest, b)?.eventsPerSec ?? 0) / (cellOf(list, 2, b)?.eventsPerSec ?? Number.NaN)));
  const cell = (row: (typeof rows)[number] | undefined) => (row ? `${row.eventsPerSec.toLocaleString('en')} events/s at ${row.concurrency} × ${row.batchSize}` : 'n/a');
  return [
    { figure: 'Analytics projector, best cell (migration 003 in brackets)', measured: `${cell(best)} (${cell(bestBefore)})`, ...floorOf(floors, 'analytics best scaling cell') },
    {
      figure: `Analytics lock-wait share at ${highest} writers, worst batch size`,
      measured: `${share(rows).toFixed(3)} (${share(baseline).toFixed(3)})`,
      ...floorOf(floors, 'analytics lock-wait share'),
    },
    { figure: `Analytics ${highest} writers / 2 writers, worst batch size`, measured: `${ratio(rows).toFixed(2)} × (${ratio(baseline).toFixed(2)} ×)`, ...floorOf(floors, `analytics ${highest} writers over 2`) },
  ];
};
