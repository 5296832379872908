import { bottleneckOf, type Bottleneck, type Component } from './component.js';
import { components, perEnvironmentRate, type ModelInputs } from './components.js';
import { estimateCost, type CostEstimate, type Prices } from './cost.js';
import { CONSUMERS, type PeakSettings } from './inputs.js';
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
      initialConcurrency: assumptions.esmInitialConcurrency,
      scaleUpPerMinute: quotas.esmScaleUpPerMinute,
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
