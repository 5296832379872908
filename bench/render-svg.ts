import { fixed } from './format.js';
import type { Spread } from './stats.js';
import { chartFrame, escape, px } from './svg-frame.js';

/** A horizontal bar chart: one group of bars per label, one bar per series, min–max whiskers. */
export interface BarChart {
  title: string;
  unit: string;
  series: { name: string; colour: string }[];
  groups: { label: string; values: Spread[] }[];
}

const LABEL_WIDTH = 150;
const PLOT_WIDTH = 480;
const BAR_HEIGHT = 9;
const GROUP_GAP = 8;
const TOP = 44;

/** Rounds the axis up to a round multiple of a power of ten, so the four gridlines fall on round values. */
const niceMax = (value: number): number => {
  const power = 10 ** Math.floor(Math.log10(Math.max(value, 1e-9)));
  return ([1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10].find((step) => step * power >= value) ?? 10) * power;
};

/** The chart as a standalone SVG document (no fonts or scripts fetched). */
export const renderBarChart = ({ title, unit, series, groups }: BarChart): string => {
  const max = niceMax(Math.max(...groups.flatMap((g) => g.values.map((v) => v.max))));
  const x = (value: number) => px(LABEL_WIDTH + (value / max) * PLOT_WIDTH);
  const groupHeight = series.length * BAR_HEIGHT + GROUP_GAP;
  const height = TOP + groups.length * groupHeight + 30;
  const width = LABEL_WIDTH + PLOT_WIDTH + 70;
  const parts = chartFrame({ width, height, title, series, legend: { x: LABEL_WIDTH, y: 26, step: 160 } });
  for (let tick = 0; tick <= 4; tick++) {
    const value = (max / 4) * tick;
    const tx = x(value);
    parts.push(
      `<line x1="${tx}" y1="${TOP - 4}" x2="${tx}" y2="${height - 24}" stroke="#ddd"/>`,
      `<text x="${tx}" y="${height - 10}" text-anchor="middle" fill="#555">${tick === 0 ? '0' : fixed(value, Number.isInteger(value) ? 0 : 1)} ${escape(unit)}</text>`,
    );
  }
  groups.forEach((group, g) => {
    const top = TOP + g * groupHeight;
    parts.push(`<text x="${LABEL_WIDTH - 6}" y="${top + (series.length * BAR_HEIGHT) / 2 + 4}" text-anchor="end">${escape(group.label)}</text>`);
    group.values.forEach((value, s) => {
      const y = top + s * BAR_HEIGHT;
      const mid = px(y + BAR_HEIGHT / 2 - 0.5);
      parts.push(
        `<rect x="${LABEL_WIDTH}" y="${y}" width="${px(Math.max(0, (value.median / max) * PLOT_WIDTH))}" height="${BAR_HEIGHT - 1}" fill="${series[s]?.colour ?? '#888'}"><title>${escape(
          `${group.label} ${series[s]?.name ?? ''}: ${fixed(value.median, 2)} ${unit} (${fixed(value.min, 2)}–${fixed(value.max, 2)})`,
        )}</title></rect>`,
        `<line x1="${x(value.min)}" y1="${mid}" x2="${x(value.max)}" y2="${mid}" stroke="#222"/>`,
        `<text x="${px(Number(x(value.max)) + 4)}" y="${y + BAR_HEIGHT - 1}" font-size="9" fill="#333">${fixed(value.median, value.median < 10 ? 1 : 0)}</text>`,
      );
    });
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
};
