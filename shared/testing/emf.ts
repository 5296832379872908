import { vi } from 'vitest';

/** One CloudWatch Embedded Metric Format line as Powertools Metrics prints it. */
export interface EmfLine {
  _aws: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  [key: string]: unknown;
}

/**
 * Collects the EMF lines written to stdout until stop(); other output passes through.
 * Powertools Metrics writes through its own Console on process.stdout, not console.log.
 */
export const captureEmf = (): { lines: EmfLine[]; stop: () => void } => {
  const lines: EmfLine[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = String(chunk);
    if (text.includes('"_aws"')) {
      lines.push(...text.trim().split('\n').map((line) => JSON.parse(line) as EmfLine));
      return true;
    }
    return write(chunk, ...(rest as []));
  });
  return { lines, stop: () => spy.mockRestore() };
};
