/** The rehearsal's shape: baseline, ramp up, peak, ramp down, baseline; rates in requests/s. */
export interface SpikeShape {
  baselinePerSecond: number;
  peakPerSecond: number;
  baselineSeconds: number;
  rampSeconds: number;
  peakSeconds: number;
  tailSeconds: number;
}

export type Phase = 'baseline' | 'ramp up' | 'peak' | 'ramp down' | 'tail';

/** One stretch of the schedule, its rate moving linearly from `from` to `to`. */
export interface Segment {
  phase: Phase;
  seconds: number;
  from: number;
  to: number;
}

/** The shape as segments, in order. */
export const segmentsOf = (shape: SpikeShape): Segment[] =>
  [
    { phase: 'baseline' as const, seconds: shape.baselineSeconds, from: shape.baselinePerSecond, to: shape.baselinePerSecond },
    { phase: 'ramp up' as const, seconds: shape.rampSeconds, from: shape.baselinePerSecond, to: shape.peakPerSecond },
    { phase: 'peak' as const, seconds: shape.peakSeconds, from: shape.peakPerSecond, to: shape.peakPerSecond },
    { phase: 'ramp down' as const, seconds: shape.rampSeconds, from: shape.peakPerSecond, to: shape.baselinePerSecond },
    { phase: 'tail' as const, seconds: shape.tailSeconds, from: shape.baselinePerSecond, to: shape.baselinePerSecond },
  ].filter((segment) => segment.seconds > 0);

/** The phase at t seconds from the start; undefined after the end. */
export const phaseAt = (segments: readonly Segment[], t: number): Phase | undefined => {
  let start = 0;
  for (const segment of segments) {
    if (t < start + segment.seconds) return segment.phase;
    start += segment.seconds;
  }
  return undefined;
};

/**
 * When each request is due, in ms from the start: the k-th request goes when the integral of
 * the rate reaches k, so the count sent by any time is the count the rate asks for, whatever
 * the answers do. Deterministic, so a run can be repeated and tested.
 */
export const arrivalOffsets = (segments: readonly Segment[]): number[] => {
  const offsets: number[] = [];
  let start = 0;
  let before = 0; // requests the earlier segments asked for, fractional
  for (const { seconds, from, to } of segments) {
    const total = ((from + to) / 2) * seconds;
    const slope = (to - from) / seconds;
    // The time s into the segment at which from·s + slope·s²/2 reaches n.
    const timeOf = (n: number) => (slope === 0 ? n / from : (Math.sqrt(from * from + 2 * slope * n) - from) / slope);
    for (let k = Math.ceil(before); k < before + total; k++) offsets.push(Math.round((start + timeOf(k - before)) * 1e6) / 1e3);
    before += total;
    start += seconds;
  }
  return offsets;
};
