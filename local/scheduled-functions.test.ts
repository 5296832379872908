import { afterEach, describe, expect, it, vi } from 'vitest';
import { scheduledFunctions, startScheduledFunctions } from './scheduled-functions.js';
import type { Wiring } from './wiring.js';

describe('scheduled functions', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('are the functions wiring.json gives a schedule', () => {
    const wiring = {
      functions: {
        'purge-expired': { role: 'analytics-purger', memoryMb: 256, timeoutSeconds: 300, schedule: 'rate(1 day)' },
        'top-toys': { role: 'analytics-reader', memoryMb: 256, timeoutSeconds: 5 },
      },
    } as unknown as Wiring;

    expect(scheduledFunctions(wiring)).toEqual(['purge-expired']);
  });

  it('are invoked every interval, one failure reported and the next run tried again, until stopped', async () => {
    vi.useFakeTimers();
    const invoked: string[] = [];
    const errors: unknown[] = [];
    let calls = 0;
    const invoke = async (name: string) => {
      invoked.push(name);
      if (++calls === 1) throw new Error('database unavailable');
      return { purged: 0 };
    };
    const scheduler = startScheduledFunctions({ invoke, names: ['purge-expired'], intervalMs: 1000, onError: (error) => errors.push(error) });

    await vi.advanceTimersByTimeAsync(2500);
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(5000);

    expect(invoked).toEqual(['purge-expired', 'purge-expired']);
    expect(errors).toEqual([new Error('database unavailable')]);
  });
});
