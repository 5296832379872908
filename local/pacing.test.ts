import { describe, expect, it } from 'vitest';
import { createPace } from './pacing.js';

describe('createPace', () => {
  it('holds a consumer\'s pollers to the given records per second between batches', async () => {
    let clock = 0;
    const pace = createPace(100, { now: () => clock, sleep: async (ms) => void (clock += ms) });

    await pace(10); // 10 records at 100/s: the next receive 100 ms later
    expect(clock).toBe(100);
    await pace(10);
    expect(clock).toBe(200);
    clock = 1000; // idle: unused budget does not pile up
    await pace(5);
    expect(clock).toBe(1050);
  });
});
