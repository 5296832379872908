/**
 * What the capacity model reads, as plain data. The shapes follow infra/quotas.json and the
 * settings tools/peak/derive-settings.ts derives from infra/sizing.json; the model is a pure
 * function of these, so its tests give it hand-made figures.
 */

export const CONSUMERS = ['letters-view', 'letters-analytics', 'letters-archive'] as const;
export type Consumer = (typeof CONSUMERS)[number];

/** The quotas of one region, resolved from infra/quotas.json (quotasIn). */
export interface RegionQuotas {
  region: string;
  snsPublishPerSecond: number;
  lambdaConcurrentExecutions: number;
  /** Lambda adds at most this many execution environments per function every 10 s. */
  lambdaEnvironmentsPer10Seconds: number;
  /** Concurrent batches an event source mapping starts with. */
  esmInitialConcurrency: number;
  esmMaximumConcurrencyMax: number;
  /** Concurrent invocations an SQS event source mapping adds per minute while its queue has a backlog. */
  esmScaleUpPerMinute: number;
  apiAccountRatePerSecond: number;
  dynamodbPartitionWritesPerSecond: number;
  dynamodbTableWritesPerSecond: number;
  rdsProxyMaxConnectionsPercent: number;
}

/** One consumer's event source mapping, as derived from the peak. */
export interface ConsumerSettings {
  batchSize: number;
  maximumBatchingWindowSeconds: number;
  maximumConcurrency: number;
  perEnvironmentEventsPerSecond: number;
}

/** The settings derived from the peak (deriveSettings). */
export interface PeakSettings {
  consumers: Record<Consumer, ConsumerSettings>;
  api: { throttlingRateLimit: number; throttlingBurstLimit: number };
  alarms: { oldestMessageAgeSeconds: number; backlogMessages: number };
}

/** A batch's measured cost: fixed + perRecord × records, in ms. */
export interface BatchCost {
  fixedMs: number;
  perRecordMs: number;
}

/** Figures measured by make bench, with a note for each one that had to fall back. */
export interface Calibration {
  /** Median duration of a command (validate, publish) on the bench machine, ms. */
  commandMs: number;
  /** Per consumer, the cost of a batch. */
  batches: Record<Consumer, BatchCost>;
  /** Best events/s the analytics database reached on the bench machine (all projector connections together). */
  analyticsDatabaseEventsPerSecond: number;
  notes: string[];
}

/** The model's assumptions about the workload and the deployment (tools/capacity/assumptions.json). */
export interface Assumptions {
  /** GET requests that follow each letter (a family reading its letter back). */
  readsPerLetter: number;
  /** Share of submissions that carry an Idempotency-Key (each writes an idempotency record twice). */
  keyedShare: number;
  /** Added to a function's local duration for its calls over the network on AWS (SNS publish, a DynamoDB call), ms. */
  awsCallMs: number;
  /** Duration of a read function on AWS, ms. */
  readMs: number;
  /** Memory of every function, MB (infra/wiring.json). */
  functionMemoryMb: number;
  /** DynamoDB write units per letter, per table (the item and its index entries), and of the event log's by-day index entry alone. */
  writeUnitsPerLetter: { lettersView: number; eventLog: number; eventLogDayIndex: number; idempotency: number };
  /** Keys the event log's by-day index spreads one day over (EVENT_LOG_TABLE.byDayShards). */
  eventLogDayIndexShards: number;
  /** Writes/s a new on-demand table serves at once (its warm throughput until a previous peak or a setting raises it). */
  newTableWarmWritesPerSecond: number;
  /** Bytes stored per letter, all tables and indexes. */
  storedBytesPerLetter: number;
  /** Log bytes per function invocation (one line per invocation, ids only). */
  logBytesPerInvocation: number;
  /** Analytics read functions running at once (elves' queries), each holding a database connection. */
  analyticsReaderConnections: number;
  /** The database instance class and its max_connections. */
  database: { instanceClass: string; maxConnections: number; vcpus: number };
  /** A season: letters, as hours at the peak rate, and months the deployment runs. */
  season: { peakHoursEquivalent: number; months: number };
  /** Standing monthly counts priced per month: custom metrics and alarms. */
  monitoring: { metrics: number; alarms: number };
}
