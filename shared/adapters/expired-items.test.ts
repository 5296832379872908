import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testChildErasureKey } from '../testing/child-pseudonyms.js';
import { startDynalite, type RunningDynalite } from '../testing/dynalite.js';
import { A_FAMILY, aLetterId, anEvent, anEventId, minutesLater } from '../testing/letters.js';
import { InvalidCursorError } from '../domain/ports.js';
import { createEventLog } from './event-log.js';
import { createEventLogReader } from './event-log-reader.js';
import { eventLogTableDefinition } from './event-log-table.js';
import { createLettersReader } from './letters-reader.js';
import { createLettersStore } from './letters-store.js';
import { lettersTableDefinition } from './letters-table.js';

let dynamo: RunningDynalite;
beforeAll(async () => {
  dynamo = await startDynalite();
  await dynamo.createTable(lettersTableDefinition('letters'));
  await dynamo.createTable(eventLogTableDefinition('letter-events'));
});
afterAll(async () => {
  await dynamo.stop();
});

const DAY = 24 * 60 * 60 * 1000;
// Kept one day after their events; read before and after that day, before any TTL sweep.
const retention = { retentionDays: 1, childErasureKey: testChildErasureKey };
const before = () => new Date(Date.parse(minutesLater(0)) + DAY - 60_000);
const after = () => new Date(Date.parse(minutesLater(0)) + DAY + 60_000);
const letterId = aLetterId(1);
const events = [
  anEvent('LetterSubmitted', { letterId, eventId: anEventId(1), occurredAt: minutesLater(0) }),
  anEvent('LetterAmended', { letterId, eventId: anEventId(2), occurredAt: minutesLater(0) }),
];

describe('readers and expiry', () => {
  it('serve a letter, its child list and its history until their expiry, and nothing after, though TTL has not deleted them', async () => {
    await createLettersStore({ client: dynamo.client, tableName: 'letters', ...retention }).apply(events);
    await createEventLog({ client: dynamo.client, tableName: 'letter-events', ...retention }).apply(events);
    const read = (now: () => Date) => {
      const letters = createLettersReader({ client: dynamo.client, tableName: 'letters', now });
      const log = createEventLogReader({ client: dynamo.client, tableName: 'letter-events', now });
      return Promise.all([letters.get(letterId), letters.listByChild(A_FAMILY, 'lotta-2019', { limit: 10 }), log.history(letterId), log.historyPage(letterId, { limit: 10 })]);
    };

    const [letter, list, history, page] = await read(before);
    const [gone, emptyList, noHistory, emptyPage] = await read(after);

    expect([letter?.view.letterId, list.items.length, history.length, page.items.length]).toEqual([letterId, 1, 2, 2]);
    expect([gone, emptyList, noHistory, emptyPage]).toEqual([undefined, { items: [], nextCursor: null }, [], { items: [], nextCursor: null }]);
  });

  it('pages a history with cursors, and refuses a cursor it did not hand out', async () => {
    const log = createEventLogReader({ client: dynamo.client, tableName: 'letter-events', now: before });

    const first = await log.historyPage(letterId, { limit: 1 });
    const second = await log.historyPage(letterId, { limit: 1, cursor: first.nextCursor! });

    expect([first.items, second.items]).toEqual([[events[0]], [events[1]]]);
    expect(second.nextCursor).toBeNull();
    for (const cursor of ['x', Buffer.from('{"sk":"LETTER#x"}').toString('base64url'), Buffer.from('{"pk":"a","sk":"b"}').toString('base64url')]) {
      await expect(log.historyPage(letterId, { limit: 1, cursor })).rejects.toBeInstanceOf(InvalidCursorError);
    }
  });
});
