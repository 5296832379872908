import { renderLineChart } from './render-line-chart.js';
import type { ScalingRow } from './scaling.js';

const COLOURS = ['#2b7bb9', '#1a9850', '#d73027', '#984ea3', '#ff7f00'];

/**
 * A scaling chart: events/s against concurrency (log–log), one line per batch size; a baseline
 * (the same cells measured another way) dashed in the same colours.
 */
export const scalingChart = ({
  title,
  rows,
  baseline,
}: {
  title: string;
  rows: readonly ScalingRow[];
  baseline?: { name: string; rows: readonly ScalingRow[] };
}): string => {
  const batchSizes = [...new Set(rows.map((row) => row.batchSize))].sort((a, b) => a - b);
  const line = (source: readonly ScalingRow[], batchSize: number) =>
    source.filter((row) => row.batchSize === batchSize && row.eventsPerSec > 0).sort((a, b) => a.concurrency - b.concurrency).map((row) => ({ x: row.concurrency, y: row.eventsPerSec }));
  return renderLineChart({
    title,
    xLabel: 'concurrent writers',
    yUnit: '/s',
    series: [
      ...batchSizes.map((b, i) => ({ name: `batch ${b}`, colour: COLOURS[i % COLOURS.length] as string, points: line(rows, b) })),
      ...(baseline
        ? batchSizes.map((b, i) => ({ name: `${baseline.name}, ${b}`, colour: COLOURS[i % COLOURS.length] as string, dashed: true, points: line(baseline.rows, b) }))
        : []),
    ].filter((series) => series.points.length > 0),
  });
};
