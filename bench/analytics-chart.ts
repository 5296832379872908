import type { AnalyticsQueries } from './analytics-queries.js';
import { renderLineChart } from './render-line-chart.js';

/** docs/performance-analytics.svg: p50 latency against letters, aggregates vs the revision-1 scan. */
export const analyticsChart = (a: AnalyticsQueries): string =>
  renderLineChart({
    title: `Analytics p50 latency against letters (${a.database}, log–log)`,
    xLabel: 'letters',
    yUnit: 'ms',
    series: [
      { name: 'top toys, aggregates', colour: '#2b7bb9', points: a.points.map((p) => ({ x: p.letters, y: p.topToys.p50Ms })) },
      { name: 'summary, aggregates', colour: '#1a9850', points: a.points.map((p) => ({ x: p.letters, y: p.summary.p50Ms })) },
      { name: 'top toys, scan', colour: '#d73027', dashed: true, points: a.points.map((p) => ({ x: p.letters, y: p.scanTopToys.p50Ms })) },
      { name: 'summary, scan', colour: '#fc8d59', dashed: true, points: a.points.map((p) => ({ x: p.letters, y: p.scanSummary.p50Ms })) },
    ],
  });
