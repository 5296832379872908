import { availableParallelism, cpus, loadavg } from 'node:os';
import type { AnalyticsQueries } from './analytics-queries.js';
import { analyticsFloors, analyticsJson } from './analytics-results.js';
import type { AnalyticsScaling } from './analytics-scaling.js';
import { scalingFloors, scalingJson } from './analytics-scaling-results.js';
import type { CommandVsCrud } from './command-latency.js';
import type { MiddyOverhead } from './middy-overhead.js';
import type { ProjectionLag } from './projection-lag.js';
import type { ProjectionThroughput } from './projection-throughput.js';
import type { ReadYourWrites } from './read-your-writes.js';
import { readYourWritesJson } from './read-your-writes-results.js';
import { flatten, type Spread } from './stats.js';

/** Sizes and module initialisation of one handler, tuned and naive. */
export interface BundleFigures {
  name: string;
  /** index.mjs and the chunks it imports statically: what a cold start loads. */
  entryBytes: number;
  /** Every .mjs file shipped, on-demand chunks included. */
  rawBytes: number;
  zipBytes: number;
  naiveRawBytes: number;
  naiveZipBytes: number;
  initMs: Spread;
  naiveInitMs: Spread;
  /** initMs / naiveInitMs, per round. */
  initVsNaive: Spread;
}

/** Everything one benchmark run measured; a section that failed carries its error instead. */
export interface Measurements {
  bundles: BundleFigures[];
  initRounds: number;
  middy: MiddyOverhead | { error: string };
  latency: CommandVsCrud | { error: string };
  projection: ProjectionThroughput | { error: string };
  lag: ProjectionLag | { error: string };
  analytics: AnalyticsQueries | { error: string };
  readYourWrites?: ReadYourWrites | { error: string };

  /** Concurrent projectors on a PostgreSQL server (DATABASE_URL only). */
  scaling: AnalyticsScaling | { error: string };
}

/** One performance floor: the measured median against its limit. */
export interface FloorCheck {
  figure: string;
  value: number;
  limit: number;
  unit: string;
  /** 'max': the value must not exceed the limit; 'min': it must reach it. */
  kind: 'max' | 'min';
  met: boolean;
}

const KB = 1024;
const COMMANDS = ['submit-letter', 'amend-letter', 'withdraw-letter'];
const PROJECTORS = ['project-letters', 'project-analytics', 'archive-events'];
// Functions that talk only to PostgreSQL (given a DATABASE_URL, they never load the SDK).
const WITHOUT_SDK = ['top-toys', 'analytics-summary', 'project-analytics'];

const failed = <T extends object>(section: T | { error: string }): section is { error: string } => 'error' in section;

/** The performance floors, checked against the medians. */
export const checkFloors = (m: Measurements): FloorCheck[] => {
  const checks: FloorCheck[] = [];
  const check = (figure: string, value: number, limit: number, unit: string, kind: 'max' | 'min' = 'max') =>
    checks.push({ figure, value, limit, unit, kind, met: kind === 'max' ? value <= limit : value >= limit });
  for (const bundle of m.bundles) {
    if (COMMANDS.includes(bundle.name)) {
      check(`${bundle.name} zip`, bundle.zipBytes / KB, 70, 'KB');
      check(`${bundle.name} raw`, bundle.rawBytes / KB, 200, 'KB');
    }
    if (PROJECTORS.includes(bundle.name)) check(`${bundle.name} zip`, bundle.zipBytes / KB, 90, 'KB');
    if (WITHOUT_SDK.includes(bundle.name)) check(`${bundle.name} raw (no SDK)`, bundle.rawBytes / KB, 50, 'KB');
    check(`${bundle.name} init vs naive`, bundle.initVsNaive.median, 0.35, '×');
  }
  if (!failed(m.middy)) check('Middy overhead', m.middy.overheadUs.median, 10, 'µs');
  if (!failed(m.latency)) {
    check('command/CRUD p50', m.latency.p50Ratio.median, 0.5, '×');
    check('command/CRUD p99', m.latency.p99Ratio.median, 0.7, '×');
  }
  if (!failed(m.projection)) {
    check('batched projection (PostgreSQL)', m.projection.postgresql.batchedEventsPerSec.median, 3000, 'events/s', 'min');
    check('batched / per record (PostgreSQL)', m.projection.postgresql.batchedVsPerRecord.median, 4, '×', 'min');
  }
  if (!failed(m.lag)) {
    check('lag to view p50', m.lag.viewP50Ms.median, 20, 'ms');
    check('lag to view p99', m.lag.viewP99Ms.median, 100, 'ms');
    check('lag to analytics p50', m.lag.analyticsP50Ms.median, 20, 'ms');
    check('lag to analytics p99', m.lag.analyticsP99Ms.median, 100, 'ms');
  }
  if (m.readYourWrites && !failed(m.readYourWrites)) {
    check('Min-Version reads right first time', m.readYourWrites.immediate.firstReadShare * 100, 100, '%', 'min');
    check('Min-Version reads right first time, delayed deliveries', m.readYourWrites.delayed.firstReadShare * 100, 100, '%', 'min');
  }
  if (!failed(m.analytics)) analyticsFloors(m.analytics, check);
  if (!failed(m.scaling)) scalingFloors(m.scaling, check);
  return checks;
};

const sectionOrError = <T extends object>(section: T | { error: string }, build: (value: T) => object) =>
  failed(section) ? { error: section.error } : build(section);

/**
 * The stable JSON of bench/results/latest.json: each published key holds the median,
 * `<key>Min` and `<key>Max` beside it the extremes over the repeated runs.
 */
export const toResultsJson = (m: Measurements, startedAt: Date) => ({
  generatedAt: startedAt.toISOString(),
  machine: {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage1m: Number((loadavg()[0] ?? 0).toFixed(2)),
  },
  runs: {
    initRounds: m.initRounds,
    ...(failed(m.middy) ? {} : { middyInvocations: m.middy.invocations, middyRounds: m.middy.rounds }),
    ...(failed(m.latency) ? {} : { latencyRuns: m.latency.runs, latencyRequestsPerRun: m.latency.requestsPerRun }),
    ...(failed(m.projection) ? {} : { projectionInvocations: m.projection.invocations, projectionBatchSize: m.projection.batchSize }),
    ...(failed(m.lag) ? {} : { lagRuns: m.lag.runs, lagLettersPerRun: m.lag.lettersPerRun }),
    ...(failed(m.analytics) ? {} : { analyticsCalls: m.analytics.points[0]?.topToys.calls, analyticsScanCalls: m.analytics.points[0]?.scanTopToys.calls }),
  },
  bundles: Object.fromEntries(
    m.bundles.map((b) => [
      b.name,
      {
        entryBytes: b.entryBytes,
        rawBytes: b.rawBytes,
        zipBytes: b.zipBytes,
        ...flatten('initMs', b.initMs, 2),
        ...flatten('naiveInitMs', b.naiveInitMs, 2),
        ...flatten('initVsNaive', b.initVsNaive),
        naiveRawBytes: b.naiveRawBytes,
        naiveZipBytes: b.naiveZipBytes,
      },
    ]),
  ),
  middy: sectionOrError(m.middy, (d) => ({ ...flatten('overheadUs', d.overheadUs, 2), ...flatten('wrappedUs', d.wrappedUs, 2), ...flatten('bareUs', d.bareUs, 2) })),
  command: sectionOrError(m.latency, (l) => ({ ...flatten('p50Ms', l.command.p50Ms), ...flatten('p99Ms', l.command.p99Ms) })),
  crud: sectionOrError(m.latency, (l) => ({ ...flatten('p50Ms', l.crud.p50Ms), ...flatten('p99Ms', l.crud.p99Ms) })),
  keyedCommand: sectionOrError(m.latency, (l) => ({
    ...flatten('p50Ms', l.keyedCommand.p50Ms),
    ...flatten('p99Ms', l.keyedCommand.p99Ms),
    ...flatten('vsCrudP50', l.keyedP50Ratio),
    ownershipCheckUs: l.ownershipCheckUs,
  })),
  ratios: {
    ...(failed(m.latency) ? {} : { ...flatten('commandVsCrudP50', m.latency.p50Ratio), ...flatten('commandVsCrudP99', m.latency.p99Ratio) }),
    ...(failed(m.projection) ? {} : flatten('batchedVsPerRecord', m.projection.postgresql.batchedVsPerRecord, 2)),
  },
  projection: sectionOrError(m.projection, (p) => ({
    store: 'postgresql',
    ...flatten('batchedEventsPerSec', p.postgresql.batchedEventsPerSec, 0),
    ...flatten('perRecordEventsPerSec', p.postgresql.perRecordEventsPerSec, 0),
    dynamodb: {
      ...flatten('batchedEventsPerSec', p.dynamodb.batchedEventsPerSec, 0),
      ...flatten('perRecordEventsPerSec', p.dynamodb.perRecordEventsPerSec, 0),
      ...flatten('batchedVsPerRecord', p.dynamodb.batchedVsPerRecord, 2),
    },
  })),
  lag: sectionOrError(m.lag, (l) => ({
    ...flatten('viewP50Ms', l.viewP50Ms, 1),
    ...flatten('viewP99Ms', l.viewP99Ms, 1),
    ...flatten('analyticsP50Ms', l.analyticsP50Ms, 1),
    ...flatten('analyticsP99Ms', l.analyticsP99Ms, 1),
  })),
  analytics: sectionOrError(m.analytics, analyticsJson),
  ...(m.readYourWrites ? { readYourWrites: sectionOrError(m.readYourWrites, readYourWritesJson) } : {}),

  scaling: sectionOrError(m.scaling, scalingJson),
  floors: checkFloors(m).map((c) => ({ ...c, value: Number(c.value.toFixed(3)) })),
});

export type ResultsJson = ReturnType<typeof toResultsJson>;
