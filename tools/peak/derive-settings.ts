// The deployment's size from one figure, peak letters per second. Terraform computes the
// same numbers in infra/peak.tf from the same infra/sizing.json; derive-settings.test.ts
// checks the two agree. Every step rounds the way Terraform's does (see needed()).
import { CONSUMER_NAMES, type ConsumerName, type Quotas, type Sizing } from './peak-data.js';

export { CONSUMER_NAMES, loadQuotas, loadSizing, type ConsumerName, type Quotas, type Sizing } from './peak-data.js';

export interface ConsumerSettings {
  batchSize: number;
  maximumBatchingWindowSeconds: number;
  maximumConcurrency: number;
  /** Events one execution environment projects per second at this batch size. */
  perEnvironmentEventsPerSecond: number;
  /** The concurrency the peak needs before clamping to Lambda's 2..1000. */
  neededConcurrency: number;
}

export interface DerivedSettings {
  consumers: Record<ConsumerName, ConsumerSettings>;
  api: { throttlingRateLimit: number; throttlingBurstLimit: number };
  alarms: { oldestMessageAgeSeconds: number; backlogMessages: number; projectionLagMilliseconds: number };
  /** Concurrent executions the account needs at the peak: consumers, API functions, scheduled runs. */
  lambda: { concurrentExecutions: number };
}

// The API throttle never drops below what the stack shipped with before it was sized.
const API_RATE_FLOOR = 50;
const API_BURST_FLOOR = 100;
const ESM_CONCURRENCY = { min: 2, max: 1000 } as const;
// Each letter is one command, and a family reads it back about once: two requests per letter.
const REQUESTS_PER_LETTER = 2;
// purge-expired and migrate run now and then, one execution each.
const OCCASIONAL_EXECUTIONS = 2;

/**
 * ceil() of a quotient after rounding to 6 decimals, so binary floating point here and
 * Terraform's decimal arithmetic cannot land on different sides of a whole number.
 */
export const needed = (x: number): number => Math.ceil(Math.round(x * 1e6) / 1e6);

const consumerSettings = (peak: number, sizing: Sizing, name: ConsumerName): ConsumerSettings => {
  const { maxBatchSize, batchMs } = sizing.consumers[name];
  const batchSize = peak < sizing.batchingThresholdLettersPerSecond ? sizing.defaultBatchSize : maxBatchSize;
  const batchTimeMs = batchMs.fixed + batchMs.perRecord * batchSize;
  const neededConcurrency = needed((sizing.headroom * peak * batchTimeMs) / (1000 * batchSize));
  return {
    batchSize,
    // Lambda: a batch over 10 records from a standard queue needs a window of at least 1 s.
    maximumBatchingWindowSeconds: batchSize > 10 ? 1 : 0,
    maximumConcurrency: Math.min(ESM_CONCURRENCY.max, Math.max(ESM_CONCURRENCY.min, neededConcurrency)),
    perEnvironmentEventsPerSecond: (1000 * batchSize) / batchTimeMs,
    neededConcurrency,
  };
};

/** Batch sizes, windows and concurrency per consumer, API throttling and alarm thresholds for a peak. */
export const deriveSettings = (peakLettersPerSecond: number, sizing: Sizing): DerivedSettings => {
  const peak = peakLettersPerSecond;
  const consumers = Object.fromEntries(CONSUMER_NAMES.map((name) => [name, consumerSettings(peak, sizing, name)])) as Record<ConsumerName, ConsumerSettings>;
  const requestsPerSecond = sizing.headroom * peak * REQUESTS_PER_LETTER;
  const throttlingRateLimit = Math.max(API_RATE_FLOOR, needed(requestsPerSecond));
  const apiConcurrency = needed((requestsPerSecond * sizing.commandMs) / 1000);
  const consumerConcurrency = CONSUMER_NAMES.reduce((sum, name) => sum + consumers[name].maximumConcurrency, 0);
  return {
    consumers,
    api: { throttlingRateLimit, throttlingBurstLimit: Math.max(API_BURST_FLOOR, throttlingRateLimit) },
    alarms: {
      oldestMessageAgeSeconds: sizing.targetLagSeconds,
      backlogMessages: needed(peak * sizing.targetLagSeconds),
      projectionLagMilliseconds: sizing.targetLagSeconds * 1000,
    },
    lambda: { concurrentExecutions: consumerConcurrency + apiConcurrency + OCCASIONAL_EXECUTIONS },
  };
};

/** Quotas an account has had raised, overriding the published defaults of quotas.json. */
export interface GrantedQuotas {
  snsPublishPerSecond?: number;
  lambdaConcurrentExecutions?: number;
  apiRatePerSecond?: number;
  dynamodbTableWritesPerSecond?: number;
}

/** One limit the peak is checked against: what it needs and what the region offers. */
export interface PeakLimit {
  quota: string;
  needed: number;
  available: number;
  met: boolean;
}

/** The limits of a region a peak must fit (the plan-time preconditions of infra/peak.tf). */
export const peakLimits = (
  peakLettersPerSecond: number,
  region: string,
  sizing: Sizing,
  quotas: Quotas,
  granted: GrantedQuotas = {},
): PeakLimit[] => {
  const settings = deriveSettings(peakLettersPerSecond, sizing);
  const peakWithHeadroom = needed(sizing.headroom * peakLettersPerSecond);
  const api = quotas.apiGatewayHttpApi;
  const apiRate = api.lowerDefaultRegions.regions.includes(region) ? api.lowerDefaultRegions.accountRatePerSecond : api.accountRatePerSecond;
  const limit = (quota: string, need: number, available: number): PeakLimit => ({ quota, needed: need, available, met: need <= available });
  return [
    limit('SNS Publish per second', peakWithHeadroom, granted.snsPublishPerSecond ?? quotas.snsPublishPerSecond.regions[region] ?? quotas.snsPublishPerSecond.default),
    ...CONSUMER_NAMES.map((name) =>
      limit(`SQS event source mapping maximum concurrency (${name})`, settings.consumers[name].neededConcurrency, quotas.sqsEventSourceMapping.maximumConcurrencyMax),
    ),
    limit('API Gateway account throttle (requests per second)', settings.api.throttlingRateLimit, granted.apiRatePerSecond ?? apiRate),
    limit('Lambda concurrent executions', settings.lambda.concurrentExecutions, granted.lambdaConcurrentExecutions ?? quotas.lambdaConcurrentExecutions.default),
    // One write request unit per event on the busiest table (letters and events are under 1 KB as a rule).
    limit('DynamoDB on-demand table write request units per second', peakWithHeadroom, granted.dynamodbTableWritesPerSecond ?? quotas.dynamodb.tableOnDemandWritesPerSecond),
  ];
};
