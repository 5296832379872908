import { bottleneckOf, type Bottleneck, type Component } from './component.js';
import { components, functionConcurrency, perEnvironmentRate, type ModelInputs } from './components.js';
import { estimateCost, type CostEstimate, type Prices } from './cost.js';
import { CONSUMERS, type Consumer, type PeakSettings } from './inputs.js';
import { simulate, type SimulationResult, type SpikeProfile } from './simulate.js';

/** What make capacity reports. */
export interface CapacityReport {
  peakLettersPerSecond: number;
  region: string;
  profile: string;
  settings: PeakSettings;
  bottleneck: Bottleneck;
  components: Component[];
  lag: { maxSeconds: number; drainSecondsAfterPeak: number | null; maxBacklog: Record<string, number>; refusedLetters: number };
  costPerMillionLetters: number;
  cost: CostEstimate;
  notes: string[];
  simulation: SimulationResult;
}

export interface ModelRun extends ModelInputs {
  profile: SpikeProfile;
  prices: Prices;
  seasonLetters: number;
}

/** Events/s a consumer's store takes: DynamoDB's table throughput (a new table's warm throughput first) or the analytics database. */
const storeCeiling = ({ quotas, assumptions, calibration }: ModelInputs, consumer: Consumer): number => {
  if (consumer === 'letters-analytics') return calibration.analyticsDatabaseEventsPerSecond;
  const writeUnits = consumer === 'letters-view' ? assumptions.writeUnitsPerLetter.lettersView : assumptions.writeUnitsPerLetter.eventLog;
  return Math.min(quotas.dynamodbTableWritesPerSecond, assumptions.newTableWarmWritesPerSecond) / writeUnits;
};

/**
 * The same run with every quota the peak exceeds granted, with headroom, and each table's warm
 * throughput set to the peak: what the deployment does once the quota requests are through. The
 * database is not a quota: its ceiling stays until a larger instance is measured.
 */
export const withQuotasGranted = (run: ModelRun, headroom: number): ModelRun => {
  const p = run.peakLettersPerSecond * headroom;
  const { assumptions: a, quotas: q } = run;
  const writeUnits = Math.max(a.writeUnitsPerLetter.lettersView, a.writeUnitsPerLetter.eventLog, a.keyedShare * a.writeUnitsPerLetter.idempotency);
  const concurrency = Object.values(functionConcurrency(run)).reduce((sum, n) => sum + n, 0) * headroom;
  return {
    ...run,
    quotas: {
      ...q,
      snsPublishPerSecond: Math.max(q.snsPublishPerSecond, Math.ceil(p)),
      apiAccountRatePerSecond: Math.max(q.apiAccountRatePerSecond, Math.ceil(p * (1 + a.readsPerLetter))),
      lambdaConcurrentExecutions: Math.max(q.lambdaConcurrentExecutions, Math.ceil(concurrency)),
      dynamodbTableWritesPerSecond: Math.max(q.dynamodbTableWritesPerSecond, Math.ceil(p * writeUnits)),
    },
    assumptions: { ...a, newTableWarmWritesPerSecond: Math.max(a.newTableWarmWritesPerSecond, Math.ceil(p * writeUnits)) },
  };
};

/** The whole model for one peak in one region: components, bottleneck, the spike's lag, and cost. */
export const runCapacityModel = (run: ModelRun): CapacityReport => {
  const { peakLettersPerSecond: peak, quotas, settings, assumptions } = run;
  const all = components(run);
  const apiLettersPerSecond = Math.min(settings.api.throttlingRateLimit, quotas.apiAccountRatePerSecond) / (1 + assumptions.readsPerLetter);
  const simulation = simulate({
    profile: run.profile,
    peakLettersPerSecond: peak,
    acceptCeiling: Math.min(quotas.snsPublishPerSecond, apiLettersPerSecond),
    queues: CONSUMERS.map((name) => ({
      name,
      perEnvironmentRate: perEnvironmentRate(run, name),
      maximumConcurrency: settings.consumers[name].maximumConcurrency,
      initialConcurrency: quotas.esmInitialConcurrency,
      scaleUpPerMinute: quotas.esmScaleUpPerMinute,
      storeCeiling: storeCeiling(run, name),
      baseLagSeconds: settings.consumers[name].maximumBatchingWindowSeconds + 1 / perEnvironmentRate(run, name),
    })),
  });
  const cost = estimateCost({ region: quotas.region, settings, calibration: run.calibration, assumptions, prices: run.prices, seasonLetters: run.seasonLetters });
  return {
    peakLettersPerSecond: peak,
    region: quotas.region,
    profile: run.profile.name,
    settings,
    bottleneck: bottleneckOf(all),
    components: all,
    lag: {
      maxSeconds: Math.round(simulation.maxLagSeconds * 10) / 10,
      drainSecondsAfterPeak: simulation.drainSecondsAfterPeak,
      maxBacklog: Object.fromEntries(CONSUMERS.map((c) => [c, Math.round(Math.max(0, ...simulation.steps.map((s) => s.queues[c]?.backlog ?? 0)))])),
      refusedLetters: simulation.refusedLetters,
    },
    costPerMillionLetters: cost.costPerMillionLetters,
    cost,
    notes: run.calibration.notes,
    simulation,
  };
};
