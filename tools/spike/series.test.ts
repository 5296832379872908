import { describe, expect, it } from 'vitest';
import type { Attempt } from './open-loop.js';
import { segmentsOf } from './schedule.js';
import { perSecond, summarize } from './series.js';

// 2 s at baseline, then 2 s at the peak.
const segments = segmentsOf({ baselinePerSecond: 2, peakPerSecond: 4, baselineSeconds: 2, rampSeconds: 0, peakSeconds: 2, tailSeconds: 0 });
const attempt = (dueMs: number, status: number, latencyMs: number): Attempt => ({ index: dueMs, dueMs, sentMs: dueMs, status, latencyMs });

describe('perSecond', () => {
  it('counts what was due each second, by answer, with its latency percentiles and the pipeline sampled then', () => {
    const rows = perSecond([attempt(0, 202, 10), attempt(500, 202, 30), attempt(1000, 429, 5), attempt(1500, 503, 50), attempt(1600, 0, 60000)], {
      samples: [{ t: 0.2, backlog: { 'letters-view': 3 }, dlq: 0 }, { t: 1.1, backlog: { 'letters-view': 1 }, dlq: 1 }],
      probes: [{ acceptedAt: 0.1, visibleAt: 0.4 }, { acceptedAt: 0.6, visibleAt: 1.6 }],
    });
    expect(rows).toEqual([
      { t: 0, offered: 2, accepted: 2, clientErrors: 0, serverErrors: 0, unanswered: 0, p50Ms: 10, p99Ms: 30, backlog: { 'letters-view': 3 }, dlq: 0, readLagSeconds: 1 },
      { t: 1, offered: 3, accepted: 0, clientErrors: 1, serverErrors: 1, unanswered: 1, p50Ms: 5, p99Ms: 50, backlog: { 'letters-view': 1 }, dlq: 1, readLagSeconds: null },
    ]);
  });
});

describe('summarize', () => {
  it("compares the p99 at the peak with the baseline's, for the command and the CRUD baseline of the same run", () => {
    const command = [attempt(0, 202, 10), attempt(1000, 202, 10), attempt(2000, 202, 20), attempt(3000, 202, 20)];
    const crud = [attempt(0, 201, 10), attempt(1000, 201, 10), attempt(2000, 201, 80), attempt(3000, 500, 100)];
    expect(summarize({ segments, command, crud, lost: 0, dlq: 0, drainSeconds: 3.5 })).toEqual({
      accepted: 4,
      lost: 0,
      dlq: 0,
      commandP99BaseMs: 10,
      commandP99PeakMs: 20,
      commandPeakOverBase: 2,
      drainSeconds: 3.5,
      crud: { accepted: 3, p99BaseMs: 10, p99PeakMs: 100, peakOverBase: 10 },
      commandDegradesLessThanCrud: true,
    });
  });

  it('does not claim the command degrades less when a phase has no answers', () => {
    const summary = summarize({ segments, command: [attempt(0, 202, 10)], crud: [attempt(0, 201, 10)], lost: 0, dlq: 0, drainSeconds: null });
    expect(summary.commandPeakOverBase).toBeNull();
    expect(summary.commandDegradesLessThanCrud).toBe(false);
  });
});
