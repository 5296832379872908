import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';

const INFRA = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'infra');

/** The consumers of the letters topic, as infra/wiring.json names them. */
export const CONSUMER_NAMES = ['letters-view', 'letters-analytics', 'letters-archive'] as const;
export type ConsumerName = (typeof CONSUMER_NAMES)[number];

const positive = v.pipe(v.number(), v.minValue(0, 'must not be negative'));
const wholeAtLeastOne = v.pipe(v.number(), v.integer(), v.minValue(1));

const ConsumerSizing = v.object({
  maxBatchSize: v.pipe(wholeAtLeastOne, v.maxValue(10000, 'is at most 10000 (Lambda, standard queues)')),
  batchMs: v.object({ fixed: positive, perRecord: v.pipe(v.number(), v.gtValue(0, 'must be above 0')) }),
});

/** infra/sizing.json: the measured cost of a batch per consumer and the formula's constants. */
export const Sizing = v.object({
  source: v.string(),
  measuredAt: v.string(),
  headroom: v.pipe(v.number(), v.minValue(1, 'must be at least 1')),
  targetLagSeconds: v.pipe(wholeAtLeastOne, v.minValue(60, 'must be at least 60 (the age alarm minimum)')),
  defaultBatchSize: v.pipe(wholeAtLeastOne, v.maxValue(10, 'is at most 10 (no batching window below the threshold)')),
  batchingThresholdLettersPerSecond: wholeAtLeastOne,
  commandMs: positive,
  consumers: v.object({
    'letters-view': ConsumerSizing,
    'letters-analytics': ConsumerSizing,
    'letters-archive': ConsumerSizing,
  }),
});
export type Sizing = v.InferOutput<typeof Sizing>;

const Sourced = { source: v.pipe(v.string(), v.startsWith('https://')) };

/** infra/quotas.json: the AWS quotas the peak is checked against, each with its source. */
export const Quotas = v.object({
  source: v.string(),
  retrieved: v.pipe(v.string(), v.isoDate()),
  snsPublishPerSecond: v.object({ ...Sourced, default: wholeAtLeastOne, regions: v.record(v.string(), wholeAtLeastOne) }),
  lambdaConcurrentExecutions: v.object({ ...Sourced, default: wholeAtLeastOne, newAccount: wholeAtLeastOne, unreservedMinimum: wholeAtLeastOne }),
  lambdaScaling: v.object({ ...Sourced, environmentsPer10SecondsPerFunction: wholeAtLeastOne }),
  sqsEventSourceMapping: v.object({
    ...Sourced,
    initialConcurrency: wholeAtLeastOne,
    maximumConcurrencyMin: wholeAtLeastOne,
    maximumConcurrencyMax: wholeAtLeastOne,
    scaleUpPerMinute: wholeAtLeastOne,
    maxBatchSizeStandardQueue: wholeAtLeastOne,
    batchSizeWithoutWindowMax: wholeAtLeastOne,
  }),
  apiGatewayHttpApi: v.object({
    ...Sourced,
    accountRatePerSecond: wholeAtLeastOne,
    accountBurst: wholeAtLeastOne,
    lowerDefaultRegions: v.object({ accountRatePerSecond: wholeAtLeastOne, accountBurst: wholeAtLeastOne, regions: v.array(v.string()) }),
  }),
  dynamodb: v.object({
    ...Sourced,
    partitionWritesPerSecond: wholeAtLeastOne,
    partitionReadsPerSecond: wholeAtLeastOne,
    tableOnDemandWritesPerSecond: wholeAtLeastOne,
    tableOnDemandReadsPerSecond: wholeAtLeastOne,
  }),
  rdsProxy: v.object({ ...Sourced, maxConnectionsPercentDefault: wholeAtLeastOne, maxIdleConnectionsPercentDefault: wholeAtLeastOne }),
});
export type Quotas = v.InferOutput<typeof Quotas>;

const parseFile = <T extends v.GenericSchema>(schema: T, file: string): v.InferOutput<T> => {
  const result = v.safeParse(schema, JSON.parse(readFileSync(file, 'utf8')));
  if (result.success) return result.output;
  const problems = result.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
  throw new Error(`${file} does not fit its schema: ${problems.join('; ')}`);
};

/** The path of infra/sizing.json. */
export const SIZING_FILE = join(INFRA, 'sizing.json');
/** The path of infra/quotas.json. */
export const QUOTAS_FILE = join(INFRA, 'quotas.json');

/** Reads and validates infra/sizing.json (or another file of its shape). */
export const loadSizing = (file: string = SIZING_FILE): Sizing => parseFile(Sizing, file);

/** Reads and validates infra/quotas.json (or another file of its shape). */
export const loadQuotas = (file: string = QUOTAS_FILE): Quotas => parseFile(Quotas, file);
