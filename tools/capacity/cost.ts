import { CONSUMERS, type Assumptions, type Calibration, type PeakSettings } from './inputs.js';

type Regional = Record<string, number>;

/** tools/capacity/prices.json: list prices per region, with their sources and the date they were read. */
export interface Prices {
  currency: string;
  retrieved: string;
  regions: string[];
  apiGatewayHttpApi: { source: string; perMillionRequests: Regional };
  lambda: { source: string; perMillionRequests: Regional; perGbSecond: Regional };
  sns: { source: string; perMillionPublishes: Regional };
  sqs: { source: string; perMillionRequests: Regional };
  dynamodb: { source: string; perMillionWriteUnits: Regional; perMillionReadUnits: Regional; perGbMonth: Regional };
  rds: { source: string; instancePerHour: Record<string, Regional>; storagePerGbMonth: Regional; allocatedStorageGb: number };
  rdsProxy: { source: string; perVcpuHour: Regional; minimumVcpus: number };
  cloudwatch: { source: string; logsPerGbIngested: Regional; perMetricMonth: Regional; perAlarmMonth: Regional };
}

/** What a million letters cost per service (usage-priced), what runs whatever the traffic (per month), and a season. */
export interface CostEstimate {
  region: string;
  perMillionLetters: Record<string, number>;
  costPerMillionLetters: number;
  fixedPerMonth: Record<string, number>;
  season: { letters: number; months: number; usd: number };
}

const HOURS_PER_MONTH = 730;
const GB = 1024 ** 3;
const cents = (usd: number) => Math.round(usd * 100) / 100;

const priceIn = (prices: Regional, region: string, what: string): number => {
  const price = prices[region];
  if (price === undefined) throw new Error(`no ${what} price for ${region} in tools/capacity/prices.json (has ${Object.keys(prices).join(', ')})`);
  return price;
};

/**
 * Usage per letter, priced. Per letter: one command and readsPerLetter reads through API
 * Gateway and Lambda; one publish; per queue one SQS send (SNS's delivery) and a receive and a
 * delete per batch; a projector invocation per batch; the DynamoDB writes of each table.
 */
export const estimateCost = (
  { region, settings, calibration, assumptions, prices, seasonLetters }: {
    region: string;
    settings: PeakSettings;
    calibration: Calibration;
    assumptions: Assumptions;
    prices: Prices;
    seasonLetters: number;
  },
): CostEstimate => {
  const million = 1_000_000;
  const price = <K extends keyof Prices>(service: K, key: string): number =>
    priceIn((prices[service] as unknown as Record<string, Regional>)[key]!, region, `${service}.${key}`);
  const gb = assumptions.functionMemoryMb / 1024;
  const batches = CONSUMERS.map((c) => {
    const { batchSize } = settings.consumers[c];
    const { fixedMs, perRecordMs } = calibration.batches[c];
    return { batchSize, batchMs: fixedMs + perRecordMs * batchSize };
  });
  const invocationsPerLetter = 1 + assumptions.readsPerLetter + batches.reduce((sum, b) => sum + 1 / b.batchSize, 0);
  const gbSecondsPerLetter =
    (gb * (calibration.commandMs + assumptions.awsCallMs + assumptions.readsPerLetter * assumptions.readMs)) / 1000 +
    batches.reduce((sum, b) => sum + (gb * b.batchMs) / 1000 / b.batchSize, 0);
  const sqsRequestsPerLetter = batches.reduce((sum, b) => sum + 1 + 2 / b.batchSize, 0);
  const w = assumptions.writeUnitsPerLetter;
  const writeUnitsPerLetter = w.lettersView + w.eventLog + assumptions.keyedShare * w.idempotency;
  // An eventually consistent read of an item under 4 KB is half a read unit.
  const readUnitsPerLetter = assumptions.readsPerLetter * 0.5;

  const perMillionLetters = {
    'API Gateway (HTTP API)': million * (1 + assumptions.readsPerLetter) * (price('apiGatewayHttpApi', 'perMillionRequests') / million),
    'Lambda requests': invocationsPerLetter * price('lambda', 'perMillionRequests'),
    'Lambda compute (GB-s)': million * gbSecondsPerLetter * price('lambda', 'perGbSecond'),
    'SNS publishes (SQS deliveries free)': price('sns', 'perMillionPublishes'),
    'SQS requests': sqsRequestsPerLetter * price('sqs', 'perMillionRequests'),
    'DynamoDB writes': writeUnitsPerLetter * price('dynamodb', 'perMillionWriteUnits'),
    'DynamoDB reads': readUnitsPerLetter * price('dynamodb', 'perMillionReadUnits'),
    'DynamoDB storage (a month)': ((million * assumptions.storedBytesPerLetter) / GB) * price('dynamodb', 'perGbMonth'),
    'CloudWatch Logs': ((million * invocationsPerLetter * assumptions.logBytesPerInvocation) / GB) * price('cloudwatch', 'logsPerGbIngested'),
  };
  const { instanceClass, vcpus } = assumptions.database;
  const instance = prices.rds.instancePerHour[instanceClass];
  if (!instance) throw new Error(`no price for ${instanceClass} in tools/capacity/prices.json`);
  const fixedPerMonth = {
    [`RDS ${instanceClass}`]: priceIn(instance, region, instanceClass) * HOURS_PER_MONTH + prices.rds.allocatedStorageGb * price('rds', 'storagePerGbMonth'),
    'RDS Proxy': Math.max(vcpus, prices.rdsProxy.minimumVcpus) * price('rdsProxy', 'perVcpuHour') * HOURS_PER_MONTH,
    'CloudWatch metrics and alarms':
      assumptions.monitoring.metrics * price('cloudwatch', 'perMetricMonth') + assumptions.monitoring.alarms * price('cloudwatch', 'perAlarmMonth'),
  };
  const variable = Object.values(perMillionLetters).reduce((sum, usd) => sum + usd, 0);
  const fixed = Object.values(fixedPerMonth).reduce((sum, usd) => sum + usd, 0);
  const months = assumptions.season.months;
  return {
    region,
    perMillionLetters: Object.fromEntries(Object.entries(perMillionLetters).map(([k, v]) => [k, cents(v)])),
    costPerMillionLetters: cents(variable),
    fixedPerMonth: Object.fromEntries(Object.entries(fixedPerMonth).map(([k, v]) => [k, cents(v)])),
    season: { letters: seasonLetters, months, usd: cents((variable * seasonLetters) / million + fixed * months) },
  };
};
