import { describe, expect, it } from 'vitest';
import { calibrate, fitBatchCost, type SizingFigures } from './calibrate.js';

const sizing: SizingFigures = {
  commandMs: 3,
  consumers: {
    'letters-view': { maxBatchSize: 100, batchMs: { fixed: 4, perRecord: 1 } },
    'letters-analytics': { maxBatchSize: 100, batchMs: { fixed: 6, perRecord: 0.5 } },
    'letters-archive': { maxBatchSize: 100, batchMs: { fixed: 4, perRecord: 1 } },
  },
};

describe('fitBatchCost', () => {
  it('fits fixed + perRecord × size through points on a line', () => {
    expect(fitBatchCost([{ size: 10, ms: 7 }, { size: 50, ms: 27 }, { size: 100, ms: 52 }])).toEqual({ fixedMs: 2, perRecordMs: 0.5 });
  });
  it('needs two batch sizes', () => {
    expect(fitBatchCost([{ size: 10, ms: 7 }, { size: 10, ms: 8 }])).toBeUndefined();
  });
});

describe('calibrate', () => {
  it('takes the command duration and the batch costs from the bench results where they are', () => {
    const latest = {
      command: { p50Ms: 1.5 },
      scaling: {
        // Both DynamoDB projectors, at two concurrencies: the lowest one's rows give the cost of a batch.
        view: [
          { projector: 'project-letters', concurrency: 1, batchSize: 10, eventsPerSec: 10000 / 12 },
          { projector: 'project-letters', concurrency: 1, batchSize: 100, eventsPerSec: 100000 / 102 },
          { projector: 'project-letters', concurrency: 4, batchSize: 10, eventsPerSec: 1000 },
          { projector: 'archive-events', concurrency: 1, batchSize: 10, eventsPerSec: 10000 / 14 },
          { projector: 'archive-events', concurrency: 1, batchSize: 100, eventsPerSec: 100000 / 104 },
        ],
        // events/s of 2 environments at once (2 × 1,000 × size / ms): 10 ms a batch of 10, 50 ms a batch of 90
        analytics: [{ batchSize: 10, concurrency: 2, eventsPerSecond: 2000 }, { batchSize: 90, concurrency: 2, eventsPerSecond: 3600 }],
      },
    };
    const calibration = calibrate(latest, sizing);
    expect(calibration.commandMs).toBe(1.5);
    expect(calibration.batches['letters-view'].fixedMs).toBeCloseTo(2, 9);
    expect(calibration.batches['letters-view'].perRecordMs).toBeCloseTo(1, 9);
    expect(calibration.batches['letters-archive'].fixedMs).toBeCloseTo(4, 9);
    expect(calibration.batches['letters-analytics']).toEqual({ fixedMs: 5, perRecordMs: 0.5 });
    expect(calibration.analyticsDatabaseEventsPerSecond).toBe(3600);
    expect(calibration.notes).toEqual([]);
  });

  it('falls back on infra/sizing.json and says so for every figure the bench results lack', () => {
    const calibration = calibrate({ projection: { batchedEventsPerSec: 3000 } }, sizing);
    expect(calibration.commandMs).toBe(3);
    expect(calibration.batches['letters-analytics']).toEqual({ fixedMs: 6, perRecordMs: 0.5 });
    expect(calibration.analyticsDatabaseEventsPerSecond).toBe(3000);
    expect(calibration.notes).toHaveLength(5);
    expect(calibration.notes[1]).toMatch(/no scaling.view\[\] rows of project-letters over several batch sizes/u);
    expect(calibration.notes[0]).toMatch(/no command.p50Ms: command duration 3 ms from infra\/sizing.json/u);
  });
});
