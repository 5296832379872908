import { component, type Component } from './component.js';
import { CONSUMERS, type Assumptions, type Calibration, type Consumer, type PeakSettings, type RegionQuotas } from './inputs.js';

/** Everything a component function reads. */
export interface ModelInputs {
  peakLettersPerSecond: number;
  quotas: RegionQuotas;
  settings: PeakSettings;
  calibration: Calibration;
  assumptions: Assumptions;
}

const PROJECTORS: Record<Consumer, string> = {
  'letters-view': 'project-letters',
  'letters-analytics': 'project-analytics',
  'letters-archive': 'archive-events',
};

/** Events/s one execution environment of a consumer handles, from the measured cost of a batch of its size. */
export const perEnvironmentRate = ({ calibration, settings }: ModelInputs, consumer: Consumer): number => {
  const { batchSize } = settings.consumers[consumer];
  const { fixedMs, perRecordMs } = calibration.batches[consumer];
  return (1000 * batchSize) / (fixedMs + perRecordMs * batchSize);
};

/** Events/s a consumer drains at its maximum concurrency. */
export const consumerCeiling = (inputs: ModelInputs, consumer: Consumer): number =>
  inputs.settings.consumers[consumer].maximumConcurrency * perEnvironmentRate(inputs, consumer);

/** Environments a consumer keeps busy at the peak (never more than its maximum concurrency). */
export const consumerConcurrency = (inputs: ModelInputs, consumer: Consumer): number =>
  Math.min(inputs.settings.consumers[consumer].maximumConcurrency, Math.ceil(inputs.peakLettersPerSecond / perEnvironmentRate(inputs, consumer)));

/** Lambda environments busy at once, per function group (Little's law: rate × duration). */
export const functionConcurrency = (inputs: ModelInputs): Record<string, number> => {
  const { peakLettersPerSecond: p, calibration, assumptions } = inputs;
  return {
    'submit-letter': Math.ceil((p * (calibration.commandMs + assumptions.awsCallMs)) / 1000),
    'get-letter': Math.ceil((p * assumptions.readsPerLetter * assumptions.readMs) / 1000),
    ...Object.fromEntries(CONSUMERS.map((c) => [PROJECTORS[c], consumerConcurrency(inputs, c)])),
  };
};

/** API Gateway: requests/s (a command and its reads) against the stage throttle and the account's quota. */
export const apiComponents = ({ peakLettersPerSecond: p, settings, quotas, assumptions }: ModelInputs): Component[] => {
  const needed = p * (1 + assumptions.readsPerLetter);
  return [
    component({
      component: 'API Gateway stage throttling',
      unit: 'requests/s',
      needed,
      ceiling: settings.api.throttlingRateLimit,
      limit: `throttling_rate_limit ${settings.api.throttlingRateLimit}/s (derived from peak_letters_per_second)`,
      lift: 'raise peak_letters_per_second (the derived throttle follows)',
    }),
    component({
      component: 'API Gateway account throttle',
      unit: 'requests/s',
      needed,
      ceiling: quotas.apiAccountRatePerSecond,
      limit: `API Gateway throttle quota ${quotas.apiAccountRatePerSecond}/s per account in ${quotas.region}`,
      lift: `Service Quotas: request a higher API Gateway "Throttle rate" in ${quotas.region}`,
    }),
  ];
};

/** SNS: one publish per letter against the region's Publish quota. */
export const snsComponent = ({ peakLettersPerSecond: p, quotas }: ModelInputs): Component =>
  component({
    component: 'SNS publishes',
    unit: 'publishes/s',
    needed: p,
    ceiling: quotas.snsPublishPerSecond,
    limit: `SNS Publish quota ${quotas.snsPublishPerSecond}/s in ${quotas.region}`,
    lift: `Service Quotas: request a higher SNS "Publish" rate in ${quotas.region} (or deploy in a region with a higher default)`,
  });

/** Lambda: every function's environments together against the account's concurrency quota. */
export const lambdaComponents = (inputs: ModelInputs): Component[] => {
  const perFunction = functionConcurrency(inputs);
  const { quotas } = inputs;
  const total = Object.values(perFunction).reduce((sum, n) => sum + n, 0);
  return [
    ...Object.entries(perFunction).map(([name, needed]) =>
      component({
        component: `Lambda ${name} concurrency`,
        unit: 'environments',
        needed,
        ceiling: quotas.lambdaConcurrentExecutions,
        limit: `Lambda concurrent executions ${quotas.lambdaConcurrentExecutions} per account in ${quotas.region}`,
        lift: `Service Quotas: request more Lambda "Concurrent executions" in ${quotas.region}`,
      }),
    ),
    component({
      component: 'Lambda account concurrency (all functions)',
      unit: 'environments',
      needed: total,
      ceiling: quotas.lambdaConcurrentExecutions,
      limit: `Lambda concurrent executions ${quotas.lambdaConcurrentExecutions} per account in ${quotas.region}`,
      lift: `Service Quotas: request more Lambda "Concurrent executions" in ${quotas.region}`,
    }),
  ];
};

/** Each queue and its consumer: the peak's events/s against maximum concurrency × events/s per environment. */
export const queueComponents = (inputs: ModelInputs): Component[] =>
  CONSUMERS.map((consumer) => {
    const settings = inputs.settings.consumers[consumer];
    const atMaximum = settings.maximumConcurrency >= inputs.quotas.esmMaximumConcurrencyMax;
    return component({
      component: `${consumer} queue → ${PROJECTORS[consumer]}`,
      unit: 'events/s',
      needed: inputs.peakLettersPerSecond,
      ceiling: consumerCeiling(inputs, consumer),
      limit: `maximum concurrency ${settings.maximumConcurrency} × ${Math.round(perEnvironmentRate(inputs, consumer))} events/s per environment (batch ${settings.batchSize})`,
      lift: atMaximum
        ? `maximum concurrency is at the event source mapping's limit (${inputs.quotas.esmMaximumConcurrencyMax}): make each batch cheaper or larger`
        : 'raise peak_letters_per_second (the derived maximum concurrency follows)',
    });
  });

/** DynamoDB: each table's write units against the table quota and a new table's warm throughput, and the hottest key. */
export const dynamodbComponents = ({ peakLettersPerSecond: p, quotas, assumptions }: ModelInputs): Component[] => {
  const tables = {
    'letters view': p * assumptions.writeUnitsPerLetter.lettersView,
    'event log': p * assumptions.writeUnitsPerLetter.eventLog,
    idempotency: p * assumptions.keyedShare * assumptions.writeUnitsPerLetter.idempotency,
  };
  const shards = assumptions.eventLogDayIndexShards;
  return [
    ...Object.entries(tables).flatMap(([table, needed]) => [
      component({
        component: `DynamoDB ${table} table writes`,
        unit: 'write units/s',
        needed,
        ceiling: quotas.dynamodbTableWritesPerSecond,
        limit: `on-demand table throughput quota ${quotas.dynamodbTableWritesPerSecond} write units/s`,
        lift: `Service Quotas: request a higher DynamoDB "Table-level write throughput" in ${quotas.region}`,
      }),
      component({
        component: `DynamoDB ${table} table warm throughput`,
        unit: 'write units/s',
        needed,
        ceiling: assumptions.newTableWarmWritesPerSecond,
        limit: `a new on-demand table serves ${assumptions.newTableWarmWritesPerSecond} writes/s at once, then doubles its previous peak within 30 minutes`,
        lift: 'set the table\'s warm throughput (WarmThroughput WriteUnitsPerSecond) to the peak before the season',
      }),
    ]),
    component({
      component: 'DynamoDB event log by-day index, hottest key',
      unit: 'write units/s',
      needed: (p * assumptions.writeUnitsPerLetter.eventLogDayIndex) / shards,
      ceiling: quotas.dynamodbPartitionWritesPerSecond,
      limit: `${quotas.dynamodbPartitionWritesPerSecond} write units/s per partition key; a day's events on ${shards} key${shards === 1 ? '' : 's'}`,
      lift: 'spread each day of the by-day index over more shard keys',
    }),
  ];
};

/** PostgreSQL: connections through RDS Proxy, and the events/s the database itself absorbs. */
export const postgresComponents = (inputs: ModelInputs): Component[] => {
  const { assumptions, quotas, calibration, peakLettersPerSecond: p } = inputs;
  const { instanceClass, maxConnections } = assumptions.database;
  const proxyConnections = Math.floor((maxConnections * quotas.rdsProxyMaxConnectionsPercent) / 100);
  return [
    component({
      component: 'RDS Proxy connections to PostgreSQL',
      unit: 'connections',
      // Each busy projector or reader environment holds one connection for its transaction.
      needed: consumerConcurrency(inputs, 'letters-analytics') + assumptions.analyticsReaderConnections,
      ceiling: proxyConnections,
      limit: `${instanceClass} max_connections ${maxConnections} × proxy MaxConnectionsPercent ${quotas.rdsProxyMaxConnectionsPercent}%`,
      lift: 'a larger database instance class (max_connections grows with memory)',
    }),
    component({
      component: 'PostgreSQL analytics writes',
      unit: 'events/s',
      needed: p,
      ceiling: calibration.analyticsDatabaseEventsPerSecond,
      limit: `${Math.round(calibration.analyticsDatabaseEventsPerSecond)} events/s measured by make bench (the bench machine's database, not ${instanceClass})`,
      lift: 'a larger database instance class, measured again with make bench against it',
    }),
  ];
};

/** Every component of the pipeline at the peak. */
export const components = (inputs: ModelInputs): Component[] => [
  ...apiComponents(inputs),
  ...lambdaComponents(inputs),
  snsComponent(inputs),
  ...queueComponents(inputs),
  ...dynamodbComponents(inputs),
  ...postgresComponents(inputs),
];
