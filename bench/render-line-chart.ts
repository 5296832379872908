import { fixed } from './format.js';
import { chartFrame, escape, px } from './svg-frame.js';

/** A line chart on log–log axes: one line per series, one point per x value. */
export interface LineChart {
  title: string;
  xLabel: string;
  yUnit: string;
  series: { name: string; colour: string; dashed?: boolean; points: { x: number; y: number }[] }[];
}

const LEFT = 60;
const TOP = 50;
const WIDTH = 520;
const HEIGHT = 260;

const decades = (values: number[]): [number, number] => [
  Math.floor(Math.log10(Math.min(...values))),
  Math.max(Math.floor(Math.log10(Math.min(...values))) + 1, Math.ceil(Math.log10(Math.max(...values)))),
];
const label = (value: number): string => (value >= 1000 ? `${fixed(value / 1000, 0)}k`.replace('000k', 'M') : fixed(value, value < 1 ? 1 : 0));

/** The chart as a standalone SVG document; log scales, so milliseconds and seconds fit one plot. */
export const renderLineChart = ({ title, xLabel, yUnit, series }: LineChart): string => {
  const [x0, x1] = decades(series.flatMap((s) => s.points.map((p) => p.x)));
  const [y0, y1] = decades(series.flatMap((s) => s.points.map((p) => p.y)));
  const x = (value: number) => LEFT + ((Math.log10(value) - x0) / (x1 - x0)) * WIDTH;
  const y = (value: number) => TOP + HEIGHT - ((Math.log10(value) - y0) / (y1 - y0)) * HEIGHT;
  const width = LEFT + WIDTH + 40;
  const height = TOP + HEIGHT + 50;
  const parts = chartFrame({ width, height, title, series, legend: { x: LEFT, y: 28, step: Math.min(140, (WIDTH + 40) / series.length) } });
  for (let d = y0; d <= y1; d++) {
    parts.push(
      `<line x1="${LEFT}" y1="${px(y(10 ** d))}" x2="${LEFT + WIDTH}" y2="${px(y(10 ** d))}" stroke="#ddd"/>`,
      `<text x="${LEFT - 6}" y="${px(y(10 ** d) + 4)}" text-anchor="end" fill="#555">${label(10 ** d)} ${escape(yUnit)}</text>`,
    );
  }
  for (let d = x0; d <= x1; d++) {
    parts.push(
      `<line x1="${px(x(10 ** d))}" y1="${TOP}" x2="${px(x(10 ** d))}" y2="${TOP + HEIGHT}" stroke="#ddd"/>`,
      `<text x="${px(x(10 ** d))}" y="${TOP + HEIGHT + 16}" text-anchor="middle" fill="#555">${label(10 ** d)}</text>`,
    );
  }
  parts.push(`<text x="${LEFT + WIDTH / 2}" y="${TOP + HEIGHT + 36}" text-anchor="middle">${escape(xLabel)}</text>`);
  for (const s of series) {
    const path = s.points.map((p) => `${px(x(p.x))},${px(y(p.y))}`).join(' ');
    parts.push(`<polyline points="${path}" fill="none" stroke="${s.colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`);
    for (const p of s.points) {
      parts.push(
        `<circle cx="${px(x(p.x))}" cy="${px(y(p.y))}" r="3" fill="${s.colour}"><title>${escape(`${s.name}: ${fixed(p.y, 2)} ${yUnit} at ${p.x}`)}</title></circle>`,
        `<text x="${px(x(p.x) + 5)}" y="${px(y(p.y) - 5)}" font-size="9" fill="#333">${fixed(p.y, p.y < 10 ? 2 : 0)}</text>`,
      );
    }
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
};
