import { fixed, kb, spread } from './format.js';
import type { FloorCheck, Measurements } from './results.js';
import { analyticsRows } from './analytics-rows.js';
import { readYourWritesRows } from './read-your-writes-results.js';
import { scalingSummaryRows } from './scaling-rows.js';

/** One line of the summary: what, the measured median with its range, and the floor if any. */
export interface SummaryRow {
  figure: string;
  measured: string;
  floor: string;
  status: string;
}

const failedRow = (figure: string, error: string): SummaryRow => ({ figure, measured: `failed: ${error}`, floor: '', status: '✗' });

const floorText = (check: FloorCheck | undefined): Pick<SummaryRow, 'floor' | 'status'> =>
  check
    ? { floor: `${check.kind === 'max' ? '≤' : '≥'} ${check.limit} ${check.unit}`, status: check.met ? '✓ met' : '✗ missed' }
    : { floor: '', status: '' };

/** The headline figures (everything but the per-handler table), each with its floor. */
export const summaryRows = (m: Measurements, floors: FloorCheck[]): SummaryRow[] => {
  const floor = (figure: string) => floorText(floors.find((f) => f.figure === figure));
  const rows: SummaryRow[] = [
    'error' in m.middy
      ? failedRow('Middy stack overhead per request', m.middy.error)
      : { figure: 'Middy stack overhead per request', measured: `${spread(m.middy.overheadUs, 1)} µs`, ...floor('Middy overhead') },
  ];
  if ('error' in m.latency) rows.push(failedRow('Command vs CRUD latency', m.latency.error));
  else {
    const l = m.latency;
    rows.push(
      { figure: 'Command POST /letters p50', measured: `${spread(l.command.p50Ms, 2)} ms`, floor: '', status: '' },
      { figure: 'CRUD baseline p50', measured: `${spread(l.crud.p50Ms, 2)} ms`, floor: '', status: '' },
      { figure: 'Command / CRUD p50', measured: `${spread(l.p50Ratio, 2)} ×`, ...floor('command/CRUD p50') },
      { figure: 'Command POST /letters p99', measured: `${spread(l.command.p99Ms, 2)} ms`, floor: '', status: '' },
      { figure: 'CRUD baseline p99', measured: `${spread(l.crud.p99Ms, 2)} ms`, floor: '', status: '' },
      { figure: 'Command / CRUD p99', measured: `${spread(l.p99Ratio, 2)} ×`, ...floor('command/CRUD p99') },
    );
  }
  if ('error' in m.projection) rows.push(failedRow('Projection throughput', m.projection.error));
  else {
    const { postgresql: pg, dynamodb: ddb, batchSize } = m.projection;
    rows.push(
      { figure: `PostgreSQL projection, batched (batch ${batchSize})`, measured: `${spread(pg.batchedEventsPerSec, 0)} events/s`, ...floor('batched projection (PostgreSQL)') },
      { figure: 'PostgreSQL projection, one write per record', measured: `${spread(pg.perRecordEventsPerSec, 0)} events/s`, floor: '', status: '' },
      { figure: 'PostgreSQL batched / per record', measured: `${spread(pg.batchedVsPerRecord, 1)} ×`, ...floor('batched / per record (PostgreSQL)') },
      { figure: `DynamoDB projection, folded + concurrent (batch ${batchSize})`, measured: `${spread(ddb.batchedEventsPerSec, 0)} events/s`, floor: '', status: '' },
      { figure: 'DynamoDB projection, one write per record', measured: `${spread(ddb.perRecordEventsPerSec, 0)} events/s`, floor: '', status: '' },
      { figure: 'DynamoDB batched / per record', measured: `${spread(ddb.batchedVsPerRecord, 1)} ×`, floor: '', status: '(dynalite: one CPU-bound process)' },
    );
  }
  if ('error' in m.lag) rows.push(failedRow('Local projection lag', m.lag.error));
  else {
    const l = m.lag;
    rows.push(
      { figure: 'Local lag 202 → view (DynamoDB) p50', measured: `${spread(l.viewP50Ms, 1)} ms`, ...floor('lag to view p50') },
      { figure: 'Local lag 202 → view (DynamoDB) p99', measured: `${spread(l.viewP99Ms, 1)} ms`, ...floor('lag to view p99') },
      { figure: 'Local lag 202 → analytics (PostgreSQL) p50', measured: `${spread(l.analyticsP50Ms, 1)} ms`, ...floor('lag to analytics p50') },
      { figure: 'Local lag 202 → analytics (PostgreSQL) p99', measured: `${spread(l.analyticsP99Ms, 1)} ms`, ...floor('lag to analytics p99') },
    );
  }
  if ('error' in m.analytics) rows.push(failedRow('Analytics queries', m.analytics.error));
  else rows.push(...analyticsRows(m.analytics, floor));
  if (m.readYourWrites && 'error' in m.readYourWrites) rows.push(failedRow('Read your own writes', m.readYourWrites.error));
  else if (m.readYourWrites) {
    const [immediate, delayed] = [m.readYourWrites.immediate, m.readYourWrites.delayed];
    const floorOf = (figure: string) =>
      figure.includes('first request') ? floor(`Min-Version reads right first time${figure.includes('delayed') ? ', delayed deliveries' : ''}`) : { floor: '', status: '' };
    rows.push(...readYourWritesRows({ immediate, delayed }).map((row) => ({ ...row, ...floorOf(row.figure) })));
  }

  if (!('error' in m.scaling)) rows.push(...scalingSummaryRows(m.scaling, floors));
  return rows;
};

/** One line per handler: sizes, init times and the floors on them. */
export const bundleRows = (m: Measurements, floors: FloorCheck[]) =>
  m.bundles.map((b) => {
    const own = floors.filter((f) => f.figure.startsWith(`${b.name} `));
    return {
      name: b.name,
      entry: kb(b.entryBytes),
      raw: kb(b.rawBytes),
      zip: kb(b.zipBytes),
      naive: `${kb(b.naiveRawBytes)} / ${kb(b.naiveZipBytes)}`,
      initMs: spread(b.initMs, 1),
      naiveInitMs: spread(b.naiveInitMs, 1),
      ratio: fixed(b.initVsNaive.median, 2),
      floors: own.length === 0 ? '' : own.every((f) => f.met) ? '✓' : `✗ ${own.filter((f) => !f.met).map((f) => f.figure.slice(b.name.length + 1)).join(', ')}`,
    };
  });
