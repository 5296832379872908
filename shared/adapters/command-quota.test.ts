import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quotaWindowAt } from '../domain/command-quota.js';
import { aCommandQuota } from '../testing/command-quota.js';
import { startDynalite, type RunningDynalite } from '../testing/dynalite.js';

let dynamo: RunningDynalite;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo.stop();
});

const at = (iso: string) => () => new Date(iso);

describe('quotaWindowAt', () => {
  it.each([
    ['2026-12-24T18:00:00.000Z', 60],
    ['2026-12-24T18:00:00.400Z', 60],
    ['2026-12-24T18:00:45.000Z', 15],
    ['2026-12-24T18:00:59.900Z', 1],
  ])('puts %s in the minute starting at 18:00 with %i s to the next', (iso, secondsLeft) => {
    expect(quotaWindowAt(new Date(iso))).toEqual({ startsAt: Date.parse('2026-12-24T18:00:00Z') / 1000, secondsLeft });
  });
});

describe('createCommandQuota', () => {
  it('allows `limit` commands of an account per minute, then refuses with the seconds to the next minute', async () => {
    const { takeQuota } = await aCommandQuota(dynamo, { limit: 3, now: at('2026-12-24T18:00:45.000Z') });

    const decisions = [];
    for (let i = 0; i < 5; i++) decisions.push(await takeQuota('family-1'));

    expect(decisions).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: true },
      { allowed: false, limit: 3, retryAfterSeconds: 15 },
      { allowed: false, limit: 3, retryAfterSeconds: 15 },
    ]);
  });

  it('counts exactly under concurrency: of 40 simultaneous commands, 10 are allowed', async () => {
    const { takeQuota } = await aCommandQuota(dynamo, { limit: 10, now: at('2026-12-24T18:00:10.000Z') });

    const decisions = await Promise.all(Array.from({ length: 40 }, () => takeQuota('family-1')));

    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
  });

  it("keeps each account's count apart, and starts afresh in the next minute", async () => {
    let now = new Date('2026-12-24T18:00:30.000Z');
    const { takeQuota } = await aCommandQuota(dynamo, { limit: 1, now: () => now });

    const first = [await takeQuota('family-1'), await takeQuota('family-1'), await takeQuota('family-2')];
    now = new Date('2026-12-24T18:01:00.000Z');
    const next = await takeQuota('family-1');

    expect(first.map((decision) => decision.allowed)).toEqual([true, false, true]);
    expect(next).toEqual({ allowed: true });
  });

  it('stores one counter per account and minute, holding no more than the count, and expiring a minute after its window', async () => {
    const { takeQuota, tableName } = await aCommandQuota(dynamo, { limit: 2, now: at('2026-12-24T18:00:30.000Z') });

    for (let i = 0; i < 3; i++) await takeQuota('family/1#x');

    const { Items } = await dynamo.client.send(new ScanCommand({ TableName: tableName }));
    const windowStart = Date.parse('2026-12-24T18:00:00Z') / 1000;
    expect(Items).toEqual([{ pk: `family%2F1%23x#${windowStart}`, count: 2, expiresAt: windowStart + 120 }]);
  });
});
