import type { Attempt } from './open-loop.js';
import { phaseAt, type Phase, type Segment } from './schedule.js';

/** What was observed of the pipeline at one moment of the run (seconds from the start). */
export interface PipelineSample {
  t: number;
  backlog: Record<string, number>;
  dlq: number;
}

/** A letter whose 202 came at acceptedAt and which GET /letters/{id} first showed at visibleAt (seconds). */
export interface LagProbe {
  acceptedAt: number;
  visibleAt: number;
}

/** One second of the run. */
export interface SecondRow {
  t: number;
  offered: number;
  accepted: number;
  clientErrors: number;
  serverErrors: number;
  unanswered: number;
  p50Ms: number | null;
  p99Ms: number | null;
  backlog?: Record<string, number>;
  dlq?: number;
  /** Longest time to readable of the probe letters accepted in this second, s. */
  readLagSeconds?: number | null;
}

/** Nearest-rank percentile; null for no values. */
export const percentile = (values: readonly number[], p: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

const round = (value: number | null, digits = 1) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);

/** Whether a status is the acceptance the run expects (202 from a command, 201 from the CRUD baseline). */
export const isAccepted = (status: number): boolean => status === 201 || status === 202;

/** Per second of sending: requests due, their answers and latencies; then the pipeline as sampled in that second. */
export const perSecond = (
  attempts: readonly Attempt[],
  { samples = [], probes = [], seconds }: { samples?: readonly PipelineSample[]; probes?: readonly LagProbe[]; seconds?: number } = {},
): SecondRow[] => {
  const last = Math.max(0, ...attempts.map((a) => Math.floor(a.dueMs / 1000)), ...samples.map((s) => Math.floor(s.t)));
  return Array.from({ length: seconds ?? last + 1 }, (_, t) => {
    const inSecond = attempts.filter((a) => Math.floor(a.dueMs / 1000) === t);
    const latencies = inSecond.filter((a) => a.status !== 0).map((a) => a.latencyMs);
    const row: SecondRow = {
      t,
      offered: inSecond.length,
      accepted: inSecond.filter((a) => isAccepted(a.status)).length,
      clientErrors: inSecond.filter((a) => a.status >= 400 && a.status < 500).length,
      serverErrors: inSecond.filter((a) => a.status >= 500).length,
      unanswered: inSecond.filter((a) => a.status === 0).length,
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
    };
    const sample = samples.findLast((s) => Math.floor(s.t) === t);
    if (sample) Object.assign(row, { backlog: sample.backlog, dlq: sample.dlq });
    if (samples.length > 0) {
      const lags = probes.filter((p) => Math.floor(p.acceptedAt) === t).map((p) => p.visibleAt - p.acceptedAt);
      row.readLagSeconds = round(lags.length === 0 ? null : Math.max(...lags), 2);
    }
    return row;
  });
};

/** p99 latency of the answered requests due in one phase of the schedule, ms. */
export const phaseP99 = (attempts: readonly Attempt[], segments: readonly Segment[], phase: Phase): number | null =>
  round(percentile(attempts.filter((a) => a.status !== 0 && phaseAt(segments, a.dueMs / 1000) === phase).map((a) => a.latencyMs), 99));

/** What spike.json's summary holds. */
export interface SpikeSummary {
  accepted: number;
  lost: number;
  dlq: number;
  commandP99BaseMs: number | null;
  commandP99PeakMs: number | null;
  /** commandP99PeakMs / commandP99BaseMs. */
  commandPeakOverBase: number | null;
  drainSeconds: number | null;
  crud: { accepted: number; p99BaseMs: number | null; p99PeakMs: number | null; peakOverBase: number | null };
  /** The command's peak-over-baseline p99 ratio is below the CRUD baseline's, measured in the same run. */
  commandDegradesLessThanCrud: boolean;
}

/** The run's summary from both runs' attempts and what the checks after the drain found. */
export const summarize = ({
  segments,
  command,
  crud,
  lost,
  dlq,
  drainSeconds,
}: {
  segments: readonly Segment[];
  command: readonly Attempt[];
  crud: readonly Attempt[];
  lost: number;
  dlq: number;
  drainSeconds: number | null;
}): SpikeSummary => {
  const ratio = (peak: number | null, base: number | null) => (peak === null || base === null || base === 0 ? null : round(peak / base, 2));
  const commandP99BaseMs = phaseP99(command, segments, 'baseline');
  const commandP99PeakMs = phaseP99(command, segments, 'peak');
  const p99BaseMs = phaseP99(crud, segments, 'baseline');
  const p99PeakMs = phaseP99(crud, segments, 'peak');
  const commandPeakOverBase = ratio(commandP99PeakMs, commandP99BaseMs);
  const crudPeakOverBase = ratio(p99PeakMs, p99BaseMs);
  return {
    accepted: command.filter((a) => isAccepted(a.status)).length,
    lost,
    dlq,
    commandP99BaseMs,
    commandP99PeakMs,
    commandPeakOverBase,
    drainSeconds,
    crud: { accepted: crud.filter((a) => isAccepted(a.status)).length, p99BaseMs, p99PeakMs, peakOverBase: crudPeakOverBase },
    commandDegradesLessThanCrud: commandPeakOverBase !== null && crudPeakOverBase !== null && commandPeakOverBase < crudPeakOverBase,
  };
};
