import type { AnalyticsQueries } from './analytics-queries.js';

type Check = (figure: string, value: number, limit: number, unit: string, kind?: 'max' | 'min') => void;

/** The analytics floors: at N letters, p50 within 5 ms and 100× the scan, flat from N/10 to N, no difference from a scan. */
export const analyticsFloors = (a: AnalyticsQueries, check: Check): void => {
  const [small, large] = a.points;
  if (small && large) {
    check('analytics top toys p50', large.topToys.p50Ms, 5, 'ms');
    check('analytics summary p50', large.summary.p50Ms, 5, 'ms');
    check('analytics top toys vs scan', large.scanTopToys.p50Ms / large.topToys.p50Ms, 100, '×', 'min');
    check('analytics summary vs scan', large.scanSummary.p50Ms / large.summary.p50Ms, 100, '×', 'min');
    check('analytics flatness', a.flatness, 1.5, '×');
  }
  check('analytics differences from a scan', a.differences, 0, 'rows');
};

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

/** The `analytics` section of latest.json: the figures at N (keys named in the issue), then every point. */
export const analyticsJson = (a: AnalyticsQueries) => {
  const large = a.points[a.points.length - 1];
  return {
    database: a.database,
    letters: a.letters,
    topToys: { p50Ms: round(large?.topToys.p50Ms ?? Number.NaN), p99Ms: round(large?.topToys.p99Ms ?? Number.NaN) },
    topToysByCountry: { p50Ms: round(large?.topToysByCountry.p50Ms ?? Number.NaN), p99Ms: round(large?.topToysByCountry.p99Ms ?? Number.NaN) },
    summary: { p50Ms: round(large?.summary.p50Ms ?? Number.NaN), p99Ms: round(large?.summary.p99Ms ?? Number.NaN) },
    scan: {
      topToys: { p50Ms: round(large?.scanTopToys.p50Ms ?? Number.NaN, 1) },
      topToysByCountry: { p50Ms: round(large?.scanTopToysByCountry.p50Ms ?? Number.NaN, 1) },
      summary: { p50Ms: round(large?.scanSummary.p50Ms ?? Number.NaN, 1) },
    },
    flatness: round(a.flatness),
    loadEventsPerSec: Math.round(a.loadEventsPerSec),
    differences: a.differences,
    points: a.points,
  };
};

