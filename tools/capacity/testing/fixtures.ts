import type { Assumptions, Calibration, PeakSettings, RegionQuotas } from '../inputs.js';
import type { QuotasFile } from '../quotas.js';

/** Round figures, so every expectation can be worked out by hand. */
export const quotasFile: QuotasFile = {
  snsPublishPerSecond: { default: 1500, regions: { 'us-east-1': 30000, 'eu-west-1': 9000 } },
  lambdaConcurrentExecutions: { default: 1000 },
  lambdaScaling: { environmentsPer10SecondsPerFunction: 1000 },
  sqsEventSourceMapping: { initialConcurrency: 5, maximumConcurrencyMax: 1000, scaleUpPerMinute: 300 },
  apiGatewayHttpApi: { accountRatePerSecond: 10000, lowerDefaultRegions: { accountRatePerSecond: 2500, regions: ['eu-south-1'] } },
  dynamodb: { partitionWritesPerSecond: 1000, tableOnDemandWritesPerSecond: 40000 },
  rdsProxy: { maxConnectionsPercentDefault: 100 },
};

export const usEast1: RegionQuotas = {
  region: 'us-east-1',
  snsPublishPerSecond: 30000,
  lambdaConcurrentExecutions: 1000,
  lambdaEnvironmentsPer10Seconds: 1000,
  esmInitialConcurrency: 5,
  esmMaximumConcurrencyMax: 1000,
  esmScaleUpPerMinute: 300,
  apiAccountRatePerSecond: 10000,
  dynamodbPartitionWritesPerSecond: 1000,
  dynamodbTableWritesPerSecond: 40000,
  rdsProxyMaxConnectionsPercent: 100,
};

/** Every consumer: batch 10 in 10 ms (2 fixed + 0.8 per record), so 1,000 events/s per environment. */
export const calibration: Calibration = {
  commandMs: 5,
  batches: {
    'letters-view': { fixedMs: 2, perRecordMs: 0.8 },
    'letters-analytics': { fixedMs: 2, perRecordMs: 0.8 },
    'letters-archive': { fixedMs: 2, perRecordMs: 0.8 },
  },
  analyticsDatabaseEventsPerSecond: 5000,
  notes: [],
};

/** Settings for a peak of 1,000 letters/s at headroom 1.5 with the calibration above: 2 environments each. */
export const settingsFor1000: PeakSettings = {
  consumers: {
    'letters-view': { batchSize: 10, maximumBatchingWindowSeconds: 0, maximumConcurrency: 2, perEnvironmentEventsPerSecond: 1000 },
    'letters-analytics': { batchSize: 10, maximumBatchingWindowSeconds: 0, maximumConcurrency: 2, perEnvironmentEventsPerSecond: 1000 },
    'letters-archive': { batchSize: 10, maximumBatchingWindowSeconds: 0, maximumConcurrency: 2, perEnvironmentEventsPerSecond: 1000 },
  },
  api: { throttlingRateLimit: 3000, throttlingBurstLimit: 3000 },
  alarms: { oldestMessageAgeSeconds: 60, backlogMessages: 60000 },
};

export const assumptions: Assumptions = {
  readsPerLetter: 1,
  keyedShare: 1,
  awsCallMs: 10,
  readMs: 10,
  functionMemoryMb: 1024,
  writeUnitsPerLetter: { lettersView: 2, eventLog: 2, eventLogDayIndex: 1, idempotency: 2 },
  eventLogDayIndexShards: 1,
  newTableWarmWritesPerSecond: 4000,
  storedBytesPerLetter: 1024,
  logBytesPerInvocation: 1024,
  analyticsReaderConnections: 5,
  database: { instanceClass: 'db.t4g.micro', maxConnections: 100, vcpus: 2 },
  season: { peakHoursEquivalent: 100, months: 2 },
  monitoring: { metrics: 10, alarms: 10 },
};
