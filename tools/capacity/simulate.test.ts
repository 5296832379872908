import { describe, expect, it } from 'vitest';
import { drainAfterPeak, offeredRate, simulate, type SpikeProfile } from './simulate.js';

const queue = { name: 'letters-view', perEnvironmentRate: 100, maximumConcurrency: 10, initialConcurrency: 10, scaleUpPerMinute: 0 };
// 1,200 letters/s for 10 s, then 500/s for 10 s (shares of a peak of 1,000/s).
const spike: SpikeProfile = {
  name: 'test',
  description: 'over the ceiling, then under it',
  segments: [
    { name: 'over', seconds: 10, fromShare: 1.2, toShare: 1.2 },
    { name: 'under', seconds: 10, fromShare: 0.5, toShare: 0.5 },
  ],
};

describe('offeredRate', () => {
  it('moves linearly across a segment and is 0 after the profile', () => {
    const ramp: SpikeProfile = { name: 'ramp', description: '', segments: [{ name: 'up', seconds: 10, fromShare: 0, toShare: 1 }] };
    expect(offeredRate(ramp, 1000, 0)).toBe(0);
    expect(offeredRate(ramp, 1000, 5)).toBe(500);
    expect(offeredRate(ramp, 1000, 10)).toBe(0);
  });
});

describe('simulate', () => {
  it('grows a backlog by the excess while arrivals exceed the ceiling, then drains it at the difference', () => {
    const result = simulate({ profile: spike, peakLettersPerSecond: 1000, acceptCeiling: Infinity, queues: [queue] });
    const backlog = result.steps.map((s) => s.queues['letters-view']!.backlog);
    // 1,200 in, 1,000 out: +200 a second for 10 s.
    expect(backlog.slice(0, 10)).toEqual([200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000]);
    // 500 in, 1,000 out: -500 a second, empty after 4 s.
    expect(backlog.slice(10, 15)).toEqual([1500, 1000, 500, 0, 0]);
    // The lag is the backlog over the drain rate: 2,000 / 1,000 per s.
    expect(result.maxLagSeconds).toBe(2);
    expect(result.drainSecondsAfterPeak).toBe(4);
    expect(result.acceptedLetters).toBe(12000 + 5000);
  });

  it('adds concurrency at the scale-up rate while a backlog remains, which shortens the spike', () => {
    const scaling = { ...queue, initialConcurrency: 5, scaleUpPerMinute: 60 };
    const result = simulate({ profile: spike, peakLettersPerSecond: 1000, acceptCeiling: Infinity, queues: [scaling] });
    // One environment more per second: 5, 6, 7, … up to the maximum of 10.
    expect(result.steps.slice(0, 7).map((s) => s.queues['letters-view']!.concurrency)).toEqual([5, 6, 7, 8, 9, 10, 10]);
    // First second: 1,200 in, 500 out.
    expect(result.steps[0]!.queues['letters-view']!.backlog).toBe(700);
  });

  it('drains no faster than the store takes, and adds the batching window to the lag', () => {
    const capped = { ...queue, storeCeiling: 800, baseLagSeconds: 1 };
    const result = simulate({ profile: spike, peakLettersPerSecond: 1000, acceptCeiling: Infinity, queues: [capped] });
    // 1,200 in, 800 out: +400 a second; the lag is 1 s plus 4,000 / 800.
    expect(result.steps[9]!.queues['letters-view']).toMatchObject({ backlog: 4000, lagSeconds: 6 });
    // 500 in, 800 out: -300 a second.
    expect(result.steps[10]!.queues['letters-view']!.backlog).toBe(3700);
  });

  it('refuses what the write side cannot accept, and the queues never see it', () => {
    const result = simulate({ profile: spike, peakLettersPerSecond: 1000, acceptCeiling: 1000, queues: [queue] });
    expect(result.refusedLetters).toBe(2000);
    expect(result.steps.every((s) => s.queues['letters-view']!.backlog === 0)).toBe(true);
    expect(result.maxLagSeconds).toBe(0);
  });
});

describe('drainAfterPeak', () => {
  it('counts from the last step at the highest rate, and is null when the backlog never empties', () => {
    const step = (t: number, offered: number, backlog: number) => ({ t, offered, accepted: offered, queues: { q: { backlog, concurrency: 1, lagSeconds: 0 } } });
    expect(drainAfterPeak([step(0, 5, 0), step(1, 9, 3), step(2, 9, 6), step(3, 1, 2), step(4, 1, 0)])).toBe(2);
    expect(drainAfterPeak([step(0, 9, 3), step(1, 1, 2)])).toBeNull();
  });
});
