// The scaling section of `make bench` alone: `DATABASE_URL=postgres://… tsx bench/scaling-run.ts
// [--events N] [--rounds N]`. Prints the cells (this revision and migration 003's, side by side)
// and the floors; writes nothing, so a partial run never replaces the published figures.
import { parseArgs } from 'node:util';
import { measureAnalyticsScaling, scalingRows } from './analytics-scaling.js';
import { scalingFloors } from './analytics-scaling-results.js';
import { scalingTable } from './scaling.js';

const { values } = parseArgs({ options: { events: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '3' } } });
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('set DATABASE_URL to a PostgreSQL server (the scaling section measures row locks, which PGlite has not)');
  process.exit(2);
}
const scaling = await measureAnalyticsScaling({
  databaseUrl,
  eventsPerCell: Number(values.events),
  rounds: Number(values.rounds),
  onStep: (what) => process.stderr.write(`bench: ${what}…\n`),
});
const range = (s: { median: number; min: number; max: number }, digits = 0) => `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
for (const [name, cells] of [['this revision (migration 004)', scaling.cells], ['migration 003', scaling.baselineCells]] as const) {
  console.log(`\n${name}\n${scalingTable(scalingRows(cells))}`);
  for (const cell of cells) console.log(`  ${cell.concurrency} × ${cell.batchSize}: ${range(cell.eventsPerSec)} events/s, lock waits ${range(cell.lockWaitShare, 3)}`);
}
const floors: string[] = [];
scalingFloors(scaling, (figure, value, limit, unit, kind = 'max') =>
  floors.push(`${(kind === 'max' ? value <= limit : value >= limit) ? 'met' : 'NOT MET'}  ${figure}: ${value.toFixed(3)} ${unit} (${kind === 'max' ? '≤' : '≥'} ${limit})`),
);
console.log(`\ndifferences from a scan: ${scaling.differences}\n${floors.join('\n')}`);
