/** Latency percentiles in ms, nearest-rank. */
export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Summarises latencies (ms); all zero when there are none. */
export const summarizeLatencies = (latencies: readonly number[]): LatencySummary => {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length === 0 ? 0 : round(sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!));
  return { count: sorted.length, p50: at(50), p90: at(90), p99: at(99), max: at(100) };
};
