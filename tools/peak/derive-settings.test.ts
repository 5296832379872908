import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONSUMER_NAMES, deriveSettings, loadQuotas, loadSizing, needed, peakLimits, type DerivedSettings } from './derive-settings.js';

const INFRA = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'infra');
const fixture = loadSizing(join(INFRA, 'tests', 'fixtures', 'sizing.json'));
const quotas = loadQuotas();

// The figures infra/tests/peak.tftest.hcl expects Terraform to derive, per peak.
const terraformExpectations = (): Map<number, Map<string, number>> => {
  const text = readFileSync(join(INFRA, 'tests', 'peak.tftest.hcl'), 'utf8');
  const expectations = new Map<number, Map<string, number>>();
  for (const block of text.split(/^run "/mu).slice(1)) {
    const peak = block.match(/peak_letters_per_second = (\d+)/u)?.[1];
    const asserts = [...block.matchAll(/condition {5}= (local\.peak\.[^\s]+) == (\d+)$/gmu)];
    if (peak === undefined || asserts.length === 0) continue;
    expectations.set(Number(peak), new Map(asserts.map(([, path, value]) => [path!, Number(value)])));
  }
  return expectations;
};

// The same paths, read from the TypeScript result.
const asTerraformPaths = (settings: DerivedSettings): Map<string, number> =>
  new Map([
    ...CONSUMER_NAMES.flatMap((name): [string, number][] => [
      [`local.peak.consumers["${name}"].batch_size`, settings.consumers[name].batchSize],
      [`local.peak.consumers["${name}"].maximum_batching_window_seconds`, settings.consumers[name].maximumBatchingWindowSeconds],
      [`local.peak.consumers["${name}"].maximum_concurrency`, settings.consumers[name].maximumConcurrency],
    ]),
    ['local.peak.api.throttling_rate_limit', settings.api.throttlingRateLimit],
    ['local.peak.api.throttling_burst_limit', settings.api.throttlingBurstLimit],
    ['local.peak.alarms.oldest_message_age_seconds', settings.alarms.oldestMessageAgeSeconds],
    ['local.peak.alarms.backlog_messages', settings.alarms.backlogMessages],
    ['local.peak.alarms.projection_lag_milliseconds', settings.alarms.projectionLagMilliseconds],
    ['local.peak.lambda_concurrent_executions', settings.lambda.concurrentExecutions],
  ]);

describe('deriveSettings', () => {
  it('gives the figures the terraform tests expect for 50, 1,000, 10,000 and 50,000 letters/s', () => {
    const expectations = terraformExpectations();

    expect([...expectations.keys()]).toEqual([50, 1000, 10000, 50000]);
    for (const [peak, expected] of expectations) {
      expect(expected.size).toBe(15);
      expect(asTerraformPaths(deriveSettings(peak, fixture))).toEqual(expected);
    }
  });

  it('keeps 10-record batches without a window below the batching threshold', () => {
    const settings = deriveSettings(99, fixture);

    for (const name of CONSUMER_NAMES) {
      expect(settings.consumers[name]).toMatchObject({ batchSize: 10, maximumBatchingWindowSeconds: 0 });
    }
  });

  it('takes each consumer to its largest batch with a 1 s window from the threshold on', () => {
    const settings = deriveSettings(100, fixture);

    expect(settings.consumers['letters-view']).toMatchObject({ batchSize: 50, maximumBatchingWindowSeconds: 1 });
    expect(settings.consumers['letters-analytics']).toMatchObject({ batchSize: 100, maximumBatchingWindowSeconds: 1 });
  });

  it('asks for the concurrency that carries the peak with headroom, by hand: 1,000/s x 1.5 at 50 records per 83 ms', () => {
    // 50 records in 8 + 1.5 x 50 = 83 ms: 602.4 events/s per environment; 1,500/s needs 2.49, so 3.
    const view = deriveSettings(1000, fixture).consumers['letters-view'];

    expect(view.perEnvironmentEventsPerSecond).toBeCloseTo(602.41, 2);
    expect(view.neededConcurrency).toBe(3);
    expect(view.maximumConcurrency).toBe(3);
  });

  it('never goes below 2 or above 1,000 concurrent batches, the limits of a mapping', () => {
    expect(deriveSettings(1, fixture).consumers['letters-analytics'].maximumConcurrency).toBe(2);
    const huge = deriveSettings(1_000_000, fixture).consumers['letters-view'];
    expect(huge.neededConcurrency).toBe(2490);
    expect(huge.maximumConcurrency).toBe(1000);
  });

  it('keeps the API throttle at least at 50 requests/s and a burst of 100', () => {
    expect(deriveSettings(1, fixture).api).toEqual({ throttlingRateLimit: 50, throttlingBurstLimit: 100 });
  });
});

describe('needed', () => {
  it('does not round a whole quotient up for a floating-point remainder', () => {
    expect(0.1 + 0.2).toBeGreaterThan(0.3);
    expect(needed((0.1 + 0.2) * 10)).toBe(3);
    expect(needed(3.000002)).toBe(4);
  });
});

describe('peakLimits', () => {
  it('finds every default quota met by the default peak of 50 letters/s', () => {
    expect(peakLimits(50, 'eu-west-1', fixture, quotas).filter((limit) => !limit.met)).toEqual([]);
  });

  it('names the SNS publish quota of eu-west-1 for 10,000 letters/s', () => {
    const unmet = peakLimits(10000, 'eu-west-1', fixture, quotas, { apiRatePerSecond: 30000 }).filter((limit) => !limit.met);

    expect(unmet).toEqual([{ quota: 'SNS Publish per second', needed: 15000, available: 9000, met: false }]);
  });

  it('uses the lower API Gateway default in the regions that have it', () => {
    const api = peakLimits(1000, 'eu-south-1', fixture, quotas).find((limit) => limit.quota.startsWith('API Gateway'));

    expect(api).toMatchObject({ needed: 3000, available: 2500, met: false });
  });
});

describe('loadSizing', () => {
  it('reads the measured infra/sizing.json', () => {
    const sizing = loadSizing();

    expect(Object.keys(sizing.consumers).sort()).toEqual([...CONSUMER_NAMES].sort());
  });

  it('names the field that does not fit', () => {
    // quotas.json is valid JSON of another shape: no headroom, among others.
    expect(() => loadSizing(join(INFRA, 'quotas.json'))).toThrow(/sizing|quotas\.json does not fit its schema: .*headroom/u);
  });
});
