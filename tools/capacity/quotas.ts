import type { RegionQuotas } from './inputs.js';

/** The parts of infra/quotas.json the model reads. */
export interface QuotasFile {
  snsPublishPerSecond: { default: number; regions: Record<string, number> };
  lambdaConcurrentExecutions: { default: number };
  lambdaScaling: { environmentsPer10SecondsPerFunction: number };
  sqsEventSourceMapping: { initialConcurrency: number; maximumConcurrencyMax: number; scaleUpPerMinute: number };
  apiGatewayHttpApi: { accountRatePerSecond: number; lowerDefaultRegions: { accountRatePerSecond: number; regions: string[] } };
  dynamodb: { partitionWritesPerSecond: number; tableOnDemandWritesPerSecond: number };
  rdsProxy: { maxConnectionsPercentDefault: number };
}

/** A region's quotas: its own SNS Publish and API Gateway figures where listed, the defaults elsewhere. */
export const quotasIn = (quotas: QuotasFile, region: string): RegionQuotas => ({
  region,
  snsPublishPerSecond: quotas.snsPublishPerSecond.regions[region] ?? quotas.snsPublishPerSecond.default,
  lambdaConcurrentExecutions: quotas.lambdaConcurrentExecutions.default,
  lambdaEnvironmentsPer10Seconds: quotas.lambdaScaling.environmentsPer10SecondsPerFunction,
  esmInitialConcurrency: quotas.sqsEventSourceMapping.initialConcurrency,
  esmMaximumConcurrencyMax: quotas.sqsEventSourceMapping.maximumConcurrencyMax,
  esmScaleUpPerMinute: quotas.sqsEventSourceMapping.scaleUpPerMinute,
  apiAccountRatePerSecond: quotas.apiGatewayHttpApi.lowerDefaultRegions.regions.includes(region)
    ? quotas.apiGatewayHttpApi.lowerDefaultRegions.accountRatePerSecond
    : quotas.apiGatewayHttpApi.accountRatePerSecond,
  dynamodbPartitionWritesPerSecond: quotas.dynamodb.partitionWritesPerSecond,
  dynamodbTableWritesPerSecond: quotas.dynamodb.tableOnDemandWritesPerSecond,
  rdsProxyMaxConnectionsPercent: quotas.rdsProxy.maxConnectionsPercentDefault,
});
