import { describe, expect, it } from 'vitest';
import { estimateCost, type Prices } from './cost.js';
import { assumptions, calibration, settingsFor1000 } from './testing/fixtures.js';

const one = { 'us-east-1': 1 };
// Every unit price 1 USD, so each line is the count of billed units per letter × a million.
const unitPrices: Prices = {
  currency: 'USD',
  retrieved: '2026-12-01',
  regions: ['us-east-1'],
  apiGatewayHttpApi: { source: 'x', perMillionRequests: one },
  lambda: { source: 'x', perMillionRequests: one, perGbSecond: one },
  sns: { source: 'x', perMillionPublishes: one },
  sqs: { source: 'x', perMillionRequests: one },
  dynamodb: { source: 'x', perMillionWriteUnits: one, perMillionReadUnits: one, perGbMonth: one },
  rds: { source: 'x', instancePerHour: { 'db.t4g.micro': one }, storagePerGbMonth: one, allocatedStorageGb: 20 },
  rdsProxy: { source: 'x', perVcpuHour: one, minimumVcpus: 2 },
  cloudwatch: { source: 'x', logsPerGbIngested: one, perMetricMonth: one, perAlarmMonth: one },
};

describe('estimateCost', () => {
  const estimate = estimateCost({ region: 'us-east-1', settings: settingsFor1000, calibration, assumptions, prices: unitPrices, seasonLetters: 2_000_000 });

  it('prices a known mix of requests, compute, messages and writes per million letters', () => {
    expect(estimate.perMillionLetters).toEqual({
      'API Gateway (HTTP API)': 2, // a command and a read
      'Lambda requests': 2.3, // both, and a tenth of an invocation per projector (batches of 10)
      // 1 GB × (5 + 10 + 10 ms) per letter = 0.025 GB-s; projectors 3 × 10 ms / 10 = 0.003 GB-s.
      'Lambda compute (GB-s)': 28000,
      'SNS publishes (SQS deliveries free)': 1,
      'SQS requests': 3.6, // per queue: SNS's send, and a receive and a delete per batch of 10
      'DynamoDB writes': 6, // view 2, event log 2, idempotency record 2
      'DynamoDB reads': 0.5, // one eventually consistent read
      'DynamoDB storage (a month)': 0.95, // 1 KB × a million = 0.95 GB
      'CloudWatch Logs': 2.19, // 2.3 invocations × 1 KB
    });
    // The sum of the unrounded lines (storage 0.954, logs 2.193), rounded once.
    expect(estimate.costPerMillionLetters).toBe(28018.55);
  });

  it('adds the standing costs for the season\'s months to its letters', () => {
    // Instance 730 h + 20 GB; proxy 2 vCPU × 730 h; 10 metrics and 10 alarms.
    expect(estimate.fixedPerMonth).toEqual({ 'RDS db.t4g.micro': 750, 'RDS Proxy': 1460, 'CloudWatch metrics and alarms': 20 });
    expect(estimate.season).toEqual({ letters: 2_000_000, months: 2, usd: 60497.09 }); // 2 × 28,018.547 + 2 × 2,230
  });

  it('refuses a region the prices file does not list, naming it', () => {
    expect(() => estimateCost({ region: 'ap-south-1', settings: settingsFor1000, calibration, assumptions, prices: unitPrices, seasonLetters: 1 })).toThrow(
      /no apiGatewayHttpApi.perMillionRequests price for ap-south-1/u,
    );
  });
});
