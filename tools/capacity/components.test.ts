import { describe, expect, it } from 'vitest';
import { bottleneckOf } from './component.js';
import { components, functionConcurrency, type ModelInputs } from './components.js';
import { quotasIn } from './quotas.js';
import { assumptions, calibration, quotasFile, settingsFor1000, usEast1 } from './testing/fixtures.js';

const at1000: ModelInputs = { peakLettersPerSecond: 1000, quotas: usEast1, settings: settingsFor1000, calibration, assumptions };
const byName = (inputs: ModelInputs) => Object.fromEntries(components(inputs).map((c) => [c.component, c]));

describe('quotasIn', () => {
  it('takes a region\'s own SNS Publish quota where listed and the default elsewhere', () => {
    expect(quotasIn(quotasFile, 'us-east-1').snsPublishPerSecond).toBe(30000);
    expect(quotasIn(quotasFile, 'eu-west-1').snsPublishPerSecond).toBe(9000);
    expect(quotasIn(quotasFile, 'eu-central-1').snsPublishPerSecond).toBe(1500);
  });
  it('gives the regions API Gateway lists with a lower default their lower account throttle', () => {
    expect(quotasIn(quotasFile, 'eu-south-1').apiAccountRatePerSecond).toBe(2500);
    expect(quotasIn(quotasFile, 'eu-central-1').apiAccountRatePerSecond).toBe(10000);
  });
});

describe('components', () => {
  it('works out each component at 1,000 letters/s as by hand', () => {
    const c = byName(at1000);
    // A command and a read per letter: 2,000 requests/s against a stage throttle of 3,000.
    expect(c['API Gateway stage throttling']).toMatchObject({ needed: 2000, ceiling: 3000, utilisation: 0.667 });
    expect(c['SNS publishes']).toMatchObject({ needed: 1000, ceiling: 30000, utilisation: 0.033 });
    // 2 environments × (1,000 × 10 / (2 + 0.8 × 10)) = 2,000 events/s.
    expect(c['letters-view queue → project-letters']).toMatchObject({ needed: 1000, ceiling: 2000, utilisation: 0.5 });
    // Little's law: 1,000/s × (5 + 10) ms = 15 environments; reads 1,000/s × 10 ms = 10; one per projector.
    expect(functionConcurrency(at1000)).toEqual({ 'submit-letter': 15, 'get-letter': 10, 'project-letters': 1, 'project-analytics': 1, 'archive-events': 1 });
    expect(c['Lambda account concurrency (all functions)']).toMatchObject({ needed: 28, ceiling: 1000 });
    // A day's events on one key of the by-day index: 1,000 write units/s against 1,000 per partition.
    expect(c['DynamoDB event log by-day index, hottest key']).toMatchObject({ needed: 1000, ceiling: 1000, utilisation: 1 });
    expect(c['RDS Proxy connections to PostgreSQL']).toMatchObject({ needed: 6, ceiling: 100 });
    expect(bottleneckOf(components(at1000))).toBe('none');
  });

  it('names the region\'s SNS Publish quota when it is the most utilised component', () => {
    const inputs: ModelInputs = {
      ...at1000,
      peakLettersPerSecond: 10000,
      quotas: { ...usEast1, region: 'eu-central-1', snsPublishPerSecond: 1500 },
      assumptions: { ...assumptions, eventLogDayIndexShards: 16, newTableWarmWritesPerSecond: 40000 },
      settings: {
        ...settingsFor1000,
        consumers: Object.fromEntries(Object.entries(settingsFor1000.consumers).map(([k, v]) => [k, { ...v, maximumConcurrency: 15 }])) as typeof settingsFor1000.consumers,
        api: { throttlingRateLimit: 30000, throttlingBurstLimit: 30000 },
      },
      calibration: { ...calibration, analyticsDatabaseEventsPerSecond: 20000 },
    };
    expect(bottleneckOf(components(inputs))).toEqual({
      component: 'SNS publishes',
      limit: 'SNS Publish quota 1500/s in eu-central-1',
      lift: 'Service Quotas: request a higher SNS "Publish" rate in eu-central-1 (or deploy in a region with a higher default)',
      utilisation: 6.667,
    });
  });

  it('says the event source mapping\'s own limit is reached when maximum concurrency is at 1,000', () => {
    const consumers = { ...settingsFor1000.consumers, 'letters-view': { ...settingsFor1000.consumers['letters-view'], maximumConcurrency: 1000 } };
    const c = byName({ ...at1000, peakLettersPerSecond: 2_000_000, settings: { ...settingsFor1000, consumers } });
    expect(c['letters-view queue → project-letters']).toMatchObject({ ceiling: 1_000_000, utilisation: 2 });
    expect(c['letters-view queue → project-letters']!.lift).toMatch(/event source mapping's limit \(1000\)/u);
  });
});
