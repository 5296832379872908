/** Escapes text for an SVG text node. */
export const escape = (text: string): string => text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

// One decimal is finer than a pixel and keeps the file small and its diffs readable.
export const px = (value: number): string => String(Math.round(value * 10) / 10);

/** The opening of a standalone chart: the document, a white background, the title and one legend entry per series. */
export const chartFrame = ({
  width,
  height,
  title,
  series,
  legend,
}: {
  width: number;
  height: number;
  title: string;
  series: { name: string; colour: string }[];
  legend: { x: number; y: number; step: number };
}): string[] => [
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
  `<rect width="${width}" height="${height}" fill="#fff"/>`,
  `<text x="10" y="18" font-size="14" font-weight="bold">${escape(title)}</text>`,
  ...series.map(
    (s, i) =>
      `<rect x="${legend.x + i * legend.step}" y="${legend.y}" width="10" height="10" fill="${s.colour}"/><text x="${legend.x + i * legend.step + 14}" y="${legend.y + 9}">${escape(s.name)}</text>`,
  ),
];
