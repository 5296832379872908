import { describe, expect, it } from 'vitest';
import { summarizeLatencies } from './latency-stats.js';

describe('summarizeLatencies', () => {
  it('gives nearest-rank percentiles and the maximum', () => {
    const latencies = Array.from({ length: 100 }, (_, i) => 100 - i);

    expect(summarizeLatencies(latencies)).toEqual({ count: 100, p50: 50, p90: 90, p99: 99, max: 100 });
  });

  it('gives zeros for no latencies', () => {
    expect(summarizeLatencies([])).toEqual({ count: 0, p50: 0, p90: 0, p99: 0, max: 0 });
  });
});
