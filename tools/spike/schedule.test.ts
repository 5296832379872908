import { beforeEach, describe, expect, it } from 'vitest';
import { runOpenLoop } from './open-loop.js';
import { arrivalOffsets, phaseAt, segmentsOf } from './schedule.js';

describe('arrivalOffsets', () => {
  it('spaces a steady rate evenly', () => {
    expect(arrivalOffsets([{ phase: 'baseline', seconds: 1, from: 4, to: 4 }])).toEqual([0, 250, 500, 750]);
  });

  it('sends as many requests as the rate asks for in each phase, closer together as it climbs', () => {
    const segments = segmentsOf({ baselinePerSecond: 10, peakPerSecond: 50, baselineSeconds: 2, rampSeconds: 2, peakSeconds: 3, tailSeconds: 1 });
    const offsets = arrivalOffsets(segments);
    // 20 + 60 + 150 + 60 + 10: baseline, ramp up (average 30/s), peak, ramp down, tail.
    expect(offsets).toHaveLength(300);
    const inPhase = (phase: string) => offsets.filter((ms) => phaseAt(segments, ms / 1000) === phase).length;
    expect([inPhase('baseline'), inPhase('ramp up'), inPhase('peak'), inPhase('ramp down'), inPhase('tail')]).toEqual([20, 60, 150, 60, 10]);
    const gaps = offsets.slice(20, 80).map((ms, i) => offsets[20 + i + 1]! - ms);
    expect(gaps[0]).toBeGreaterThan(gaps.at(-1)!);
  });
});

describe('runOpenLoop', () => {
  let clock = 0;
  // Advances the fake clock, yielding to timers so the test can answer requests meanwhile.
  const fakeSleep = (ms: number) =>
    new Promise<void>((resolve) =>
      setTimeout(() => {
        clock += Math.max(ms, 1);
        resolve();
      }, 0),
    );
  beforeEach(() => {
    clock = 0;
  });

  it('sends every request at its time although no answer has come yet', async () => {
    const sentAt: number[] = [];
    const answers: (() => void)[] = [];
    const run = runOpenLoop({
      offsets: [0, 10, 20, 30],
      now: () => clock,
      sleep: fakeSleep,
      send: (index) =>
        new Promise((resolve) => {
          sentAt.push(clock);
          answers.push(() => resolve({ status: index === 2 ? 503 : 202, letterId: `L${index}` }));
        }),
    });
    while (clock < 30) await new Promise((resolve) => setTimeout(resolve, 0));
    // All four went on schedule while every earlier one was still unanswered.
    expect(sentAt).toEqual([0, 10, 20, 30]);
    clock = 100;
    answers.forEach((answer) => answer());
    const attempts = await run;
    // Latency runs from when each was due.
    expect(attempts.map((a) => [a.index, a.status, a.latencyMs])).toEqual([[0, 202, 100], [1, 202, 90], [2, 503, 80], [3, 202, 70]]);
  });

  it('holds a request due while every connection is busy, and counts its wait in its latency', async () => {
    const sentAt: number[] = [];
    const answers: (() => void)[] = [];
    const run = runOpenLoop({
      offsets: [0, 10],
      maxInFlight: 1,
      now: () => clock,
      sleep: fakeSleep,
      send: () =>
        new Promise((resolve) => {
          sentAt.push(clock);
          answers.push(() => resolve({ status: 202 }));
        }),
    });
    while (clock < 50) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sentAt).toEqual([0]);
    answers[0]!(); // answered at about 50 ms: the second goes then
    while (sentAt.length < 2) await new Promise((resolve) => setTimeout(resolve, 0));
    answers[1]!();
    const [first, second] = await run;
    expect(second!.sentMs).toBeGreaterThanOrEqual(50);
    // Due at 10 ms, answered after 50: its latency includes the wait for the connection.
    expect(second!.latencyMs).toBeGreaterThan(second!.sentMs - 10 - 1);
    expect(first!.latencyMs).toBeGreaterThanOrEqual(50);
  });

  it('records a request without an answer as status 0', async () => {
    const attempts = await runOpenLoop({ offsets: [0], send: () => Promise.reject(new Error('ECONNREFUSED')) });
    expect(attempts[0]).toMatchObject({ index: 0, status: 0 });
  });
});
