import type { CapacityReport } from './model.js';

const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A duration in the largest unit that reads well. */
export const duration = (seconds: number | null): string => {
  if (seconds === null) return 'does not drain within the profile';
  if (seconds < 120) return `${fmt(seconds, seconds < 10 ? 1 : 0)} s`;
  if (seconds < 7200) return `${fmt(seconds / 60)} min`;
  return `${fmt(seconds / 3600, 1)} h`;
};

/** The quotas and settings a report's over-utilised components need, one line each. */
export const quotasToRequest = (report: CapacityReport): string[] =>
  [...new Set(report.components.filter((c) => c.utilisation > 1).map((c) => `${c.lift} (needs ${fmt(c.needed)} ${c.unit}, has ${fmt(c.ceiling)})`))];

/** One row per peak and region: the settings derived, the quotas to request, the lag before and after, the cost. */
export const renderPeakTable = (rows: { report: CapacityReport; granted: CapacityReport }[]): string => {
  const lines = [
    '| peak (letters/s) | region | derived settings: batch × max concurrency (view, analytics, archive); API throttle | first bottleneck at default quotas | quotas and settings to request | read lag at default quotas: max, drained after the peak | … with them granted | USD per million letters | USD per season |',
    '|---:|---|---|---|---|---|---|---:|---:|',
  ];
  for (const { report, granted } of rows) {
    const c = report.settings.consumers;
    const settings = `${c['letters-view'].batchSize}×${c['letters-view'].maximumConcurrency}, ${c['letters-analytics'].batchSize}×${c['letters-analytics'].maximumConcurrency}, ${c['letters-archive'].batchSize}×${c['letters-archive'].maximumConcurrency}; ${fmt(report.settings.api.throttlingRateLimit)}/s`;
    const bottleneck = report.bottleneck === 'none' ? 'none' : `${report.bottleneck.component} (${fmt(report.bottleneck.utilisation * 100)}%)`;
    const requests = quotasToRequest(report);
    const lag = (r: CapacityReport) =>
      `${duration(r.lag.maxSeconds)}, ${duration(r.lag.drainSecondsAfterPeak)}${r.lag.refusedLetters > 0 ? `; ${fmt(r.lag.refusedLetters / 1e6, 1)} M letters refused (429)` : ''}`;
    lines.push(
      `| ${fmt(report.peakLettersPerSecond)} | ${report.region} | ${settings} | ${bottleneck} | ${requests.length === 0 ? 'none' : requests.join('<br>')} | ${lag(report)} | ${lag(granted)} | ${fmt(report.costPerMillionLetters, 2)} | ${fmt(report.cost.season.usd)} (${fmt(report.cost.season.letters / 1e6)} M letters, ${report.cost.season.months} months) |`,
    );
  }
  return lines.join('\n');
};

/** Cost per service for one report, per million letters and per month. */
export const renderCostTable = (reports: CapacityReport[]): string => {
  const services = Object.keys(reports[0]!.cost.perMillionLetters);
  const fixed = Object.keys(reports[0]!.cost.fixedPerMonth);
  return [
    `| service | ${reports.map((r) => r.region).join(' | ')} |`,
    `|---|${reports.map(() => '---:').join('|')}|`,
    ...services.map((s) => `| ${s}, per million letters | ${reports.map((r) => fmt(r.cost.perMillionLetters[s] ?? 0, 2)).join(' | ')} |`),
    `| **total per million letters** | ${reports.map((r) => `**${fmt(r.costPerMillionLetters, 2)}**`).join(' | ')} |`,
    ...fixed.map((s) => `| ${s}, per month | ${reports.map((r) => fmt(r.cost.fixedPerMonth[s] ?? 0, 2)).join(' | ')} |`),
  ].join('\n');
};
