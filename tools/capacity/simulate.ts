import type { Consumer } from './inputs.js';

/** A spike profile: segments whose rate moves linearly from one share of the peak to another. */
export interface SpikeProfile {
  name: string;
  description: string;
  segments: { name: string; seconds: number; fromShare: number; toShare: number }[];
}

/** One queue and its consumer, as the simulation sees them. */
export interface SimulatedQueue {
  name: Consumer | string;
  /** Events/s one execution environment handles. */
  perEnvironmentRate: number;
  maximumConcurrency: number;
  initialConcurrency: number;
  /** Concurrent batches the event source mapping adds per minute while the queue has a backlog. */
  scaleUpPerMinute: number;
  /** Events/s the consumer's store takes at most, whatever the concurrency (DynamoDB throughput, the database). */
  storeCeiling?: number;
  /** Seconds an event waits even with no backlog: the batching window and one batch. */
  baseLagSeconds?: number;
}

export interface SimulationInputs {
  profile: SpikeProfile;
  peakLettersPerSecond: number;
  /** Letters/s the write side accepts at most (SNS quota, API throttling); the rest are refused with 429. */
  acceptCeiling: number;
  queues: SimulatedQueue[];
  /** Seconds per step; 1 by default. */
  stepSeconds?: number;
}

export interface SimulationStep {
  t: number;
  offered: number;
  accepted: number;
  queues: Record<string, { backlog: number; concurrency: number; lagSeconds: number }>;
}

export interface SimulationResult {
  steps: SimulationStep[];
  refusedLetters: number;
  acceptedLetters: number;
  /** The largest read lag of any queue, s. */
  maxLagSeconds: number;
  /** Seconds after the profile's busiest moment until every backlog is empty; null if it never empties. */
  drainSecondsAfterPeak: number | null;
}

/** Letters/s the profile offers at time t (seconds from its start). */
export const offeredRate = (profile: SpikeProfile, peak: number, t: number): number => {
  let start = 0;
  for (const segment of profile.segments) {
    if (t < start + segment.seconds) {
      const share = segment.fromShare + ((segment.toShare - segment.fromShare) * (t - start)) / segment.seconds;
      return share * peak;
    }
    start += segment.seconds;
  }
  return 0;
};

export const profileSeconds = (profile: SpikeProfile): number => profile.segments.reduce((sum, s) => sum + s.seconds, 0);

/**
 * Steps through the profile, and then on until the queues are empty (at most as long again).
 * Per step and queue: arrivals join the backlog; the consumer serves up to concurrency × rate;
 * while a backlog remains, concurrency grows by scaleUpPerMinute per minute up to its maximum;
 * the store's own ceiling caps what any concurrency drains. The read lag is the batching
 * window and one batch, plus the time the current backlog takes to drain at the current rate.
 */
export const simulate = ({ profile, peakLettersPerSecond, acceptCeiling, queues, stepSeconds = 1 }: SimulationInputs): SimulationResult => {
  const duration = profileSeconds(profile);
  const state = queues.map((q) => ({ queue: q, backlog: 0, concurrency: Math.min(q.initialConcurrency, q.maximumConcurrency) }));
  const steps: SimulationStep[] = [];
  let refused = 0;
  let accepted = 0;
  for (let t = 0; t < duration * 2; t += stepSeconds) {
    const offered = offeredRate(profile, peakLettersPerSecond, t);
    const acceptedRate = Math.min(offered, acceptCeiling);
    refused += (offered - acceptedRate) * stepSeconds;
    accepted += acceptedRate * stepSeconds;
    const step: SimulationStep = { t, offered, accepted: acceptedRate, queues: {} };
    for (const s of state) {
      const capacity = Math.min(s.concurrency * s.queue.perEnvironmentRate, s.queue.storeCeiling ?? Number.POSITIVE_INFINITY);
      const waiting = s.backlog + acceptedRate * stepSeconds;
      s.backlog = Math.max(0, waiting - capacity * stepSeconds);
      const lagSeconds = (s.queue.baseLagSeconds ?? 0) + s.backlog / capacity;
      step.queues[s.queue.name] = { backlog: s.backlog, concurrency: s.concurrency, lagSeconds };
      const scaleUp = (s.queue.scaleUpPerMinute * stepSeconds) / 60;
      if (s.backlog > 0) s.concurrency = Math.min(s.queue.maximumConcurrency, s.concurrency + scaleUp);
    }
    steps.push(step);
    if (t >= duration && state.every((s) => s.backlog === 0)) break;
  }
  return {
    steps,
    refusedLetters: Math.round(refused),
    acceptedLetters: Math.round(accepted),
    maxLagSeconds: Math.max(0, ...steps.flatMap((step) => Object.values(step.queues).map((q) => q.lagSeconds))),
    drainSecondsAfterPeak: drainAfterPeak(steps),
  };
};

/** Seconds from the last step at the highest offered rate to the first step after it with every backlog empty. */
export const drainAfterPeak = (steps: readonly SimulationStep[]): number | null => {
  const highest = Math.max(...steps.map((step) => step.offered));
  const lastPeak = steps.findLastIndex((step) => step.offered === highest);
  const drained = steps.findIndex((step, i) => i >= lastPeak && Object.values(step.queues).every((q) => q.backlog === 0));
  return drained === -1 ? null : steps[drained]!.t - steps[lastPeak]!.t;
};
