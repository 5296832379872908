import { describe, expect, it } from 'vitest';
import type { ReadYourWrites } from './read-your-writes.js';
import { readYourWritesJson, readYourWritesNotes, readYourWritesRows } from './read-your-writes-results.js';

const measured: ReadYourWrites = {
  immediate: { pairs: 1000, maxDelayMs: 0, plainMissShare: 0.9123, firstReadShare: 1, waitP50Ms: 12.34, waitP99Ms: 40.06, readsPerReadMean: 2.345, readsPerReadP99: 4 },
  delayed: { pairs: 1000, maxDelayMs: 400, plainMissShare: 0.99, firstReadShare: 0.998, waitP50Ms: 210.5, waitP99Ms: 405.25, readsPerReadMean: 5.5, readsPerReadP99: 7 },
};

describe('the read-your-writes results', () => {
  it('keep the idle figures under readYourWrites and the delayed ones under readYourWrites.delayed', () => {
    expect(readYourWritesJson(measured)).toEqual({
      plainMissShare: 0.9123,
      firstReadShare: 1,
      waitP50Ms: 12.3,
      waitP99Ms: 40.1,
      readsPerReadMean: 2.35,
      readsPerReadP99: 4,
      pairs: 1000,
      maxDelayMs: 0,
      delayed: { plainMissShare: 0.99, firstReadShare: 0.998, waitP50Ms: 210.5, waitP99Ms: 405.3, readsPerReadMean: 5.5, readsPerReadP99: 7, pairs: 1000, maxDelayMs: 400 },
    });
  });

  it('render a headline row per figure and variant, and a table in the page', () => {
    expect(readYourWritesRows(measured).map((row) => row.measured)).toEqual(['91.2%', '100.0%', '12.3 / 40.1 ms', '99.0%', '99.8%', '210.5 / 405.3 ms']);
    expect(readYourWritesNotes(measured)).toContain('| up to 400 ms | 1,000 | 99.0% | 99.8% | 210.5 / 405.3 ms | 5.50 (p99 7) |');
    expect(readYourWritesNotes({ error: 'the runtime did not start' })).toBe('Not measured: the runtime did not start');
  });
});
