import type { AnalyticsQueries } from './analytics-queries.js';
import { fixed } from './format.js';
import type { SummaryRow } from './summary-rows.js';

/** The analytics lines of the summary: at N letters, each query from the aggregates against its scan. */
export const analyticsRows = (a: AnalyticsQueries, floor: (figure: string) => Pick<SummaryRow, 'floor' | 'status'>): SummaryRow[] => {
  const large = a.points[a.points.length - 1];
  if (!large) return [];
  const at = `${large.letters.toLocaleString('en')} letters, ${a.database}`;
  const ms = (value: number) => `${fixed(value, value < 10 ? 2 : 0)} ms`;
  return [
    { figure: `Top toys p50 / p99 (${at})`, measured: `${ms(large.topToys.p50Ms)} / ${ms(large.topToys.p99Ms)}`, ...floor('analytics top toys p50') },
    { figure: 'Top toys of one country p50 / p99', measured: `${ms(large.topToysByCountry.p50Ms)} / ${ms(large.topToysByCountry.p99Ms)}`, floor: '', status: '' },
    { figure: 'Summary p50 / p99', measured: `${ms(large.summary.p50Ms)} / ${ms(large.summary.p99Ms)}`, ...floor('analytics summary p50') },
    { figure: 'Top toys by scan (revision 1) p50', measured: ms(large.scanTopToys.p50Ms), floor: '', status: '' },
    { figure: 'Summary by scan (revision 1) p50', measured: ms(large.scanSummary.p50Ms), floor: '', status: '' },
    { figure: 'Top toys, scan / aggregates', measured: `${fixed(large.scanTopToys.p50Ms / large.topToys.p50Ms, 0)} ×`, ...floor('analytics top toys vs scan') },
    { figure: 'Summary, scan / aggregates', measured: `${fixed(large.scanSummary.p50Ms / large.summary.p50Ms, 0)} ×`, ...floor('analytics summary vs scan') },
    { figure: 'Flatness, p50 at N / p50 at N/10 (worse query)', measured: `${fixed(a.flatness, 2)} ×`, ...floor('analytics flatness') },
    { figure: 'Aggregate rows differing from a scan', measured: String(a.differences), ...floor('analytics differences from a scan') },
  ];
};
