import { describe, expect, it } from 'vitest';
import type { Prices } from './cost.js';
import { runCapacityModel, withQuotasGranted, type ModelRun } from './model.js';
import type { SpikeProfile } from './simulate.js';
import { assumptions, calibration, settingsFor1000, usEast1 } from './testing/fixtures.js';

const one = { 'eu-central-1': 1 };
const prices: Prices = {
  currency: 'USD',
  retrieved: '2026-12-01',
  regions: ['eu-central-1'],
  apiGatewayHttpApi: { source: 'x', perMillionRequests: one },
  lambda: { source: 'x', perMillionRequests: one, perGbSecond: one },
  sns: { source: 'x', perMillionPublishes: one },
  sqs: { source: 'x', perMillionRequests: one },
  dynamodb: { source: 'x', perMillionWriteUnits: one, perMillionReadUnits: one, perGbMonth: one },
  rds: { source: 'x', instancePerHour: { 'db.t4g.micro': one }, storagePerGbMonth: one, allocatedStorageGb: 20 },
  rdsProxy: { source: 'x', perVcpuHour: one, minimumVcpus: 2 },
  cloudwatch: { source: 'x', logsPerGbIngested: one, perMetricMonth: one, perAlarmMonth: one },
};
// A minute at the full peak.
const minute: SpikeProfile = { name: 'minute', description: '', segments: [{ name: 'peak', seconds: 60, fromShare: 1, toShare: 1 }] };
// 2,000 letters/s in a region whose SNS takes 1,500: with every other ceiling well above.
const run: ModelRun = {
  peakLettersPerSecond: 2000,
  quotas: { ...usEast1, region: 'eu-central-1', snsPublishPerSecond: 1500 },
  settings: { ...settingsFor1000, api: { throttlingRateLimit: 6000, throttlingBurstLimit: 6000 } },
  calibration,
  assumptions: { ...assumptions, eventLogDayIndexShards: 128, newTableWarmWritesPerSecond: 40000 },
  prices,
  profile: minute,
  seasonLetters: 1_000_000,
};

describe('runCapacityModel', () => {
  it('names the region\'s SNS quota, and the write side refuses what it cannot publish', () => {
    const report = runCapacityModel(run);
    expect(report.bottleneck).toMatchObject({ component: 'SNS publishes', utilisation: 1.333 });
    // 500 letters/s over the quota for 60 s.
    expect(report.lag.refusedLetters).toBe(30000);
  });

  it('once the quotas are granted, carries the peak, and the consumers\' ceiling sets the lag', () => {
    const report = runCapacityModel(withQuotasGranted(run, 1.5));
    expect(report.components.find((c) => c.component === 'SNS publishes')).toMatchObject({ ceiling: 3000, utilisation: 0.667 });
    expect(report.lag.refusedLetters).toBe(0);
    // 2 environments × 1,000/s drain exactly the 2,000 arriving: no backlog, the lag is one batch (10 ms).
    expect(report.lag.maxBacklog).toEqual({ 'letters-view': 0, 'letters-analytics': 0, 'letters-archive': 0 });
    expect(report.lag.maxSeconds).toBe(0);
  });
});
