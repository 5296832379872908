import { s } from './dom.js';

/** One bar: its label and value. */
export interface Bar {
  label: string;
  value: number;
}

const BAR_HEIGHT = 26;
const LABEL_WIDTH = 170;
const WIDTH = 640;

/**
 * A horizontal bar chart as SVG, drawn from the data: a title a screen reader says, and each
 * bar's label and value as text (role img with a description listing them all).
 */
export const barChart = (title: string, bars: readonly Bar[]): SVGElement => {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const plot = WIDTH - LABEL_WIDTH - 60;
  const height = Math.max(1, bars.length) * BAR_HEIGHT + 8;
  const id = `chart-${title.toLowerCase().replace(/[^a-z0-9]+/gu, '-')}`;
  const description = bars.map((bar) => `${bar.label}: ${bar.value}`).join(', ') || 'no data yet';
  return s(
    'svg',
    { viewBox: `0 0 ${WIDTH} ${height}`, width: '100%', role: 'img', 'aria-labelledby': `${id}-title ${id}-desc`, class: 'chart' },
    s('title', { id: `${id}-title` }, title),
    s('desc', { id: `${id}-desc` }, description),
    ...bars.map((bar, index) => {
      const y = index * BAR_HEIGHT + 4;
      const width = Math.max(2, (bar.value / max) * plot);
      return s(
        'g',
        { class: 'bar' },
        s('text', { x: LABEL_WIDTH - 8, y: y + 17, 'text-anchor': 'end', class: 'label' }, truncate(bar.label)),
        s('rect', { x: LABEL_WIDTH, y, width, height: BAR_HEIGHT - 6, rx: 3 }),
        s('text', { x: LABEL_WIDTH + width + 6, y: y + 17, class: 'value' }, bar.value),
      );
    }),
  );
};

const truncate = (label: string) => (label.length > 24 ? `${label.slice(0, 23)}…` : label);
