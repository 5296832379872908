import { testChildErasureKey } from '../shared/testing/child-pseudonyms.js';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventLog } from '../shared/adapters/event-log.js';
import { eventLogTableDefinition } from '../shared/adapters/event-log-table.js';
import { createLettersStore } from '../shared/adapters/letters-store.js';
import { lettersTableDefinition } from '../shared/adapters/letters-table.js';
import { startDynalite, type RunningDynalite } from '../shared/testing/dynalite.js';
import { aLetterId, anErasure, anEvent, anEventId, BASE_TIME } from '../shared/testing/letters.js';
import { expiringTables, startTtlSweeper, sweepExpired } from './ttl-sweeper.js';

let dynamo: RunningDynalite;
const tables = expiringTables({ letters: 'letters', eventLog: 'letter-events' });
beforeAll(async () => {
  dynamo = await startDynalite();
  await dynamo.createTable(lettersTableDefinition('letters'));
  await dynamo.createTable(eventLogTableDefinition('letter-events'));
});
afterAll(async () => {
  await dynamo.stop();
});

const DAY_MS = 24 * 60 * 60 * 1000;
const daysAfterBase = (days: number) => () => new Date(Date.parse(BASE_TIME) + days * DAY_MS);
const itemsOf = async (tableName: string) => (await dynamo.client.send(new ScanCommand({ TableName: tableName }))).Items ?? [];

describe('sweepExpired', () => {
  it('keeps letters, events and tombstones for their season, then deletes every one of them, as TTL would', async () => {
    const letters = createLettersStore({ childErasureKey: testChildErasureKey, client: dynamo.client, tableName: 'letters', retentionDays: 10 });
    const eventLog = createEventLog({ childErasureKey: testChildErasureKey, client: dynamo.client, tableName: 'letter-events', retentionDays: 10 });
    const events = [anEvent('LetterSubmitted', { letterId: aLetterId(1), eventId: anEventId(1) }), anErasure({ childId: 'emil-2018', eventId: anEventId(2) })];
    await letters.apply(events);
    await eventLog.apply(events);
    const stored = [(await itemsOf('letters')).length, (await itemsOf('letter-events')).length];

    const early = await sweepExpired({ client: dynamo.client, tables, now: daysAfterBase(9) });
    const due = await sweepExpired({ client: dynamo.client, tables, now: daysAfterBase(10) });

    expect(stored.every((count) => count >= 2)).toBe(true);
    expect(early).toBe(0);
    expect(due).toBe(stored[0]! + stored[1]!);
    expect([await itemsOf('letters'), await itemsOf('letter-events')]).toEqual([[], []]);
  });

  it('leaves items without an expiry alone', async () => {
    await dynamo.client.send(new PutCommand({ TableName: 'letters', Item: { pk: 'LETTER#no-expiry', sk: 'LETTER' } }));

    expect(await sweepExpired({ client: dynamo.client, tables, now: daysAfterBase(10_000) })).toBe(0);
    expect(await itemsOf('letters')).toEqual([{ pk: 'LETTER#no-expiry', sk: 'LETTER' }]);
  });
});

describe('startTtlSweeper', () => {
  it('sweeps on its interval with the clock it is given, and stops', async () => {
    await dynamo.client.send(new PutCommand({ TableName: 'letter-events', Item: { pk: 'LETTER#x', sk: 'EVENT#x', expiresAt: 1 } }));
    const sweeper = startTtlSweeper({ client: dynamo.client, tables, now: daysAfterBase(0), intervalMs: 10 });

    await expect.poll(() => itemsOf('letter-events'), { interval: 20, timeout: 10_000 }).toEqual([]);
    await sweeper.stop();
  });
});
