import type { FloorCheck, Measurements } from './results.js';
import { bundleRows, summaryRows } from './summary-rows.js';

const table = (header: string[], rows: string[][]): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
};

/** The tables `make bench` prints: per handler, then the headline figures. Ranges are min–max over runs. */
export const renderText = (m: Measurements, floors: FloorCheck[]): string =>
  [
    table(
      ['function', 'loaded at init', 'all .mjs', 'zip', 'naive raw / zip', 'init ms', 'naive init ms', 'ratio', 'floors'],
      bundleRows(m, floors).map((r) => [r.name, r.entry, r.raw, r.zip, r.naive, r.initMs, r.naiveInitMs, r.ratio, r.floors]),
    ),
    '',
    table(
      ['figure', 'median (min–max)', 'floor', ''],
      summaryRows(m, floors).map((r) => [r.figure, r.measured, r.floor, r.status]),
    ),
    '',
    `${floors.filter((f) => f.met).length} of ${floors.length} floors met`,
  ].join('\n');
