import { fixed } from './format.js';
import { chartFrame, escape, px } from './svg-frame.js';

/** One panel of a timeline: series over the same seconds, on a linear scale from 0. */
export interface TimelinePanel {
  title: string;
  unit: string;
  series: { name: string; colour: string; dashed?: boolean; points: { t: number; y: number }[] }[];
}

export interface Timeline {
  title: string;
  /** Label of the time axis, e.g. "seconds since the start" or "minutes". */
  timeLabel: string;
  panels: TimelinePanel[];
  /** Shaded spans of time, e.g. the peak. */
  marks?: { from: number; to: number; label: string }[];
}

const LEFT = 70;
const WIDTH = 620;
const PANEL_HEIGHT = 130;
const PANEL_GAP = 52;
const TOP = 46;

/** A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten. */
export const niceCeiling = (value: number): number => {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((m) => m * power >= value) ?? 10) * power;
};

/** Panels stacked over one time axis, as a standalone SVG document. */
export const renderTimeline = ({ title, timeLabel, panels, marks = [] }: Timeline): string => {
  const times = panels.flatMap((p) => p.series.flatMap((s) => s.points.map((point) => point.t)));
  const t0 = Math.min(...times);
  const t1 = Math.max(t0 + 1, ...times);
  const x = (t: number) => LEFT + ((t - t0) / (t1 - t0)) * WIDTH;
  const legendSeries = [...new Map(panels.flatMap((p) => p.series).map((s) => [s.name, s])).values()];
  const legendRows = Math.ceil(legendSeries.length / 4);
  const top = TOP + legendRows * 16;
  const height = top + panels.length * (PANEL_HEIGHT + PANEL_GAP) + 10;
  const parts = chartFrame({ width: LEFT + WIDTH + 30, height, title, series: [], legend: { x: LEFT, y: 28, step: 160 } });
  legendSeries.forEach((s, i) => {
    const lx = LEFT + (i % 4) * 160;
    const ly = 28 + Math.floor(i / 4) * 16;
    parts.push(
      `<line x1="${lx}" y1="${ly + 5}" x2="${lx + 14}" y2="${ly + 5}" stroke="${s.colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="4 2"' : ''}/><text x="${lx + 18}" y="${ly + 9}">${escape(s.name)}</text>`,
    );
  });
  panels.forEach((panel, index) => {
    const panelTop = top + index * (PANEL_HEIGHT + PANEL_GAP) + 16;
    const yMax = niceCeiling(Math.max(0, ...panel.series.flatMap((s) => s.points.map((p) => p.y))));
    const y = (value: number) => panelTop + PANEL_HEIGHT - (value / yMax) * PANEL_HEIGHT;
    parts.push(`<text x="${LEFT}" y="${panelTop - 6}" font-weight="bold">${escape(panel.title)}</text>`);
    for (const mark of marks) {
      parts.push(`<rect x="${px(x(mark.from))}" y="${panelTop}" width="${px(x(mark.to) - x(mark.from))}" height="${PANEL_HEIGHT}" fill="#f3f0e6"/>`);
      if (index === 0) parts.push(`<text x="${px((x(mark.from) + x(mark.to)) / 2)}" y="${panelTop + 12}" text-anchor="middle" fill="#777">${escape(mark.label)}</text>`);
    }
    for (const fraction of [0, 0.5, 1]) {
      parts.push(
        `<line x1="${LEFT}" y1="${px(y(yMax * fraction))}" x2="${LEFT + WIDTH}" y2="${px(y(yMax * fraction))}" stroke="#ddd"/>`,
        `<text x="${LEFT - 6}" y="${px(y(yMax * fraction) + 4)}" text-anchor="end" fill="#555">${fixed(yMax * fraction, yMax < 10 ? 1 : 0)} ${escape(panel.unit)}</text>`,
      );
    }
    for (const s of panel.series) {
      if (s.points.length === 0) continue;
      const path = s.points.map((p) => `${px(x(p.t))},${px(y(p.y))}`).join(' ');
      parts.push(`<polyline points="${path}" fill="none" stroke="${s.colour}" stroke-width="1.5"${s.dashed ? ' stroke-dasharray="4 2"' : ''}/>`);
    }
    const axisY = panelTop + PANEL_HEIGHT;
    for (let i = 0; i <= 6; i++) {
      const t = t0 + ((t1 - t0) * i) / 6;
      parts.push(`<text x="${px(x(t))}" y="${axisY + 14}" text-anchor="middle" fill="#555">${fixed(t, t1 - t0 < 30 ? 1 : 0)}</text>`);
    }
    if (index === panels.length - 1) parts.push(`<text x="${LEFT + WIDTH / 2}" y="${axisY + 30}" text-anchor="middle">${escape(timeLabel)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
};
