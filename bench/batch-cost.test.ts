import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSizing, SIZING_FILE } from '../tools/peak/peak-data.js';
import { fitBatchCost, writeBatchCosts } from './batch-cost.js';

describe('fitBatchCost', () => {
  it('recovers 5 ms per batch and 2 ms per record from single-writer rows', () => {
    // b records in 5 + 2b ms: 10 in 25 ms (400/s), 100 in 205 ms, 50 in 105 ms.
    const rows = [10, 50, 100].map((b) => ({ concurrency: 1, batchSize: b, eventsPerSec: (1000 * b) / (5 + 2 * b), lockWaitShare: null }));

    expect(fitBatchCost([...rows, { concurrency: 8, batchSize: 10, eventsPerSec: 1, lockWaitShare: null }])).toEqual({ fixed: 5, perRecord: 2 });
  });

  it('needs two batch sizes', () => {
    expect(() => fitBatchCost([{ concurrency: 1, batchSize: 10, eventsPerSec: 100, lockWaitShare: null }])).toThrow(/two batch sizes/u);
  });
});

describe('writeBatchCosts', () => {
  it('replaces the measured consumers only, and the file still loads', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sizing-')), 'sizing.json');
    writeFileSync(file, readFileSync(SIZING_FILE));
    const before = loadSizing(file);

    writeBatchCosts(file, { 'letters-view': { fixed: 1.5, perRecord: 0.25 } }, 'bench scaling-view on a test', new Date('2026-12-06T06:00:00.000Z'));

    const after = loadSizing(file);
    expect(after.consumers['letters-view'].batchMs).toEqual({ fixed: 1.5, perRecord: 0.25 });
    expect(after.consumers['letters-analytics']).toEqual(before.consumers['letters-analytics']);
    expect(after).toMatchObject({ source: 'bench scaling-view on a test', measuredAt: '2026-12-06T06:00:00.000Z', headroom: before.headroom });
  });
});
