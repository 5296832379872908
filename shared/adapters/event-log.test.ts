import { ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventVersion, type LetterChange, type LetterEvent } from '../domain/events.js';
import { startDynalite, type RunningDynalite } from '../testing/dynalite.js';
import { DEFAULT_RETENTION_DAYS, expiryOf } from '../domain/retention.js';
import { ANOTHER_FAMILY, aChild, aLetter, aLetterId, aLetterIdOf, anErasure, anEvent, anEventId, inBatches, minutesLater, redelivered, shuffled } from '../testing/letters.js';
import { createEventLog } from './event-log.js';
import { byDayKey, byDayShard, EVENT_LOG_TABLE, eventLogTableDefinition } from './event-log-table.js';

let dynamo: RunningDynalite;
let tables = 0;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

const NOW = '2026-12-03T12:00:00.000Z';

/** An event log on a fresh table, its clock stopped at NOW. */
const anEventLog = async (client?: DynamoDBDocumentClient) => {
  const tableName = `event-log-${++tables}`;
  await dynamo.createTable(eventLogTableDefinition(tableName));
  return { tableName, log: createEventLog({ client: client ?? dynamo.client, tableName, now: () => new Date(NOW) }) };
};

/** The stored events (not the tombstones and erasure bookkeeping beside them). */
const rowsIn = async (tableName: string) => {
  const { Items = [] } = await dynamo.client.send(new ScanCommand({ TableName: tableName }));
  return Items.filter((item) => item['event'] !== undefined);
};

const collect = async (events: AsyncIterable<LetterEvent>): Promise<LetterEvent[]> => {
  const all: LetterEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
};

const byVersion = (a: LetterEvent, b: LetterEvent) => eventVersion(a).localeCompare(eventVersion(b));

const ONE_DAY = 24 * 60;

/** Events of two letters over three days (Dec 1 to Dec 3), in the order they occurred. */
const historyOverThreeDays = (): LetterChange[] => [
  anEvent('LetterSubmitted', { letterId: aLetterId(1), occurredAt: minutesLater(0), eventId: anEventId(1) }),
  anEvent('LetterSubmitted', { letterId: aLetterId(2), occurredAt: minutesLater(5), eventId: anEventId(2) }),
  anEvent('LetterAmended', { letterId: aLetterId(1), occurredAt: minutesLater(ONE_DAY), eventId: anEventId(3) }),
  anEvent('LetterWithdrawn', { letterId: aLetterId(2), occurredAt: minutesLater(ONE_DAY + 1), eventId: anEventId(4) }),
  anEvent('LetterWithdrawn', { letterId: aLetterId(1), occurredAt: minutesLater(2 * ONE_DAY), eventId: anEventId(5) }),
];

describe('createEventLog', () => {
  it('stores an event once when it is appended twice', async () => {
    const { log, tableName } = await anEventLog();
    const event = anEvent('LetterSubmitted', { letterId: aLetterId(1) });

    await log.append([event]);
    await log.append([event, event]);

    expect(await rowsIn(tableName)).toEqual([
      {
        pk: `LETTER#${aLetterId(1)}`,
        sk: `EVENT#${event.occurredAt}#${event.eventId}`,
        day: `2026-12-01#${String(byDayShard(`LETTER#${aLetterId(1)}`)).padStart(3, '0')}`,
        letterId: aLetterId(1),
        eventId: event.eventId,
        type: 'LetterSubmitted',
        occurredAt: event.occurredAt,
        event: JSON.stringify(event),
        expiresAt: expiryOf(event.occurredAt, DEFAULT_RETENTION_DAYS),
      },
    ]);
  });

  it('sends one conditional put per event, then looks for its letter tombstone', async () => {
    const sent: { command: string; input: unknown }[] = [];
    const recording = {
      send: (command: { constructor: { name: string }; input: unknown }) => {
        sent.push({ command: command.constructor.name, input: command.input });
        return dynamo.client.send(command as never);
      },
    } as unknown as DynamoDBDocumentClient;
    const { log, tableName } = await anEventLog(recording);
    const event = anEvent('LetterWithdrawn', { letterId: aLetterId(1) });

    await log.apply([event]);

    expect(sent).toEqual([
      {
        command: 'PutCommand',
        input: {
          TableName: tableName,
          Item: {
            pk: `LETTER#${aLetterId(1)}`,
            sk: `EVENT#${event.occurredAt}#${event.eventId}`,
            day: `2026-12-01#${String(byDayShard(`LETTER#${aLetterId(1)}`)).padStart(3, '0')}`,
            letterId: aLetterId(1),
            eventId: event.eventId,
            type: 'LetterWithdrawn',
            occurredAt: event.occurredAt,
            event: JSON.stringify(event),
            expiresAt: expiryOf(event.occurredAt, DEFAULT_RETENTION_DAYS),
          },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': 'pk' },
        },
      },
      {
        command: 'GetCommand',
        input: { TableName: tableName, Key: { pk: `LETTER#${aLetterId(1)}`, sk: 'ERASED' }, ConsistentRead: true },
      },
    ]);
  });

  it("returns a letter's history oldest first, whatever order the events arrived in", async () => {
    const { log } = await anEventLog();
    const events = historyOverThreeDays();

    await log.append(shuffled(events, 7));
    const history = await log.history(aLetterId(1));

    expect(history).toEqual(events.filter((event) => event.letterId === aLetterId(1)));
  });

  it('returns an empty history for a letter it has never seen', async () => {
    const { log } = await anEventLog();

    expect(await log.history(aLetterId(404))).toEqual([]);
  });

  it('reads a history longer than one 1 MB page', async () => {
    const { log } = await anEventLog();
    // About 8 KB per event, so 150 events span two pages.
    const bigLetter = aLetter({
      toys: Array.from({ length: 50 }, (_, i) => ({ name: `${'Toy '.repeat(22)}${i}`, quantity: 1 })),
      message: 'x'.repeat(2000),
    });
    const events = Array.from({ length: 150 }, (_, i) =>
      anEvent('LetterAmended', { letterId: aLetterId(1), occurredAt: minutesLater(i), eventId: anEventId(i + 1), letter: bigLetter }),
    );
    await log.append(events);

    const history = await log.history(aLetterId(1));

    expect(history.map((event) => event.eventId)).toEqual(events.map((event) => event.eventId));
  });

  it('scans every event at or after since, across days, oldest first', async () => {
    const { log } = await anEventLog();
    const events = historyOverThreeDays();
    await log.append(shuffled(events, 3));

    const scanned = await collect(log.scan({ since: minutesLater(5) }));

    expect(scanned).toEqual(events.slice(1));
  });

  it('scans from the start of a day when since is a date', async () => {
    const { log } = await anEventLog();
    const events = historyOverThreeDays();
    await log.append(events);

    const scanned = await collect(log.scan({ since: '2026-12-02' }));

    expect(scanned).toEqual(events.slice(2));
  });

  it("scans every event without since, each letter's oldest first", async () => {
    const { log } = await anEventLog();
    const events = historyOverThreeDays();
    await log.append(shuffled(events, 5));

    const scanned = await collect(log.scan());

    expect([...scanned].sort(byVersion)).toEqual(events);
    for (const letterId of [aLetterId(1), aLetterId(2)]) {
      const ofLetter = scanned.filter((event) => 'letterId' in event && event.letterId === letterId);
      expect(ofLetter).toEqual([...ofLetter].sort(byVersion));
    }
  });

  it("deletes the erased child's letters' events, keeps the erasure, and refuses their later events", async () => {
    const { log } = await anEventLog();
    const lotta = aLetter({ child: aChild({ id: 'lotta-2019' }) });
    const emil = aLetter({ child: aChild({ id: 'emil-2018' }) });
    const [before, after, sibling] = [aLetterId(1), aLetterId(2), aLetterId(3)];
    const theirs = aLetterIdOf(ANOTHER_FAMILY);
    const kept = [
      anEvent('LetterSubmitted', { letterId: sibling, letter: emil, eventId: anEventId(2) }),
      anEvent('LetterSubmitted', { letterId: theirs, ownerId: ANOTHER_FAMILY, letter: lotta, eventId: anEventId(3) }),
    ];
    const erasure = anErasure({ childId: 'lotta-2019', occurredAt: minutesLater(1), eventId: anEventId(4) });
    const later = anEvent('LetterSubmitted', { letterId: after, letter: lotta, occurredAt: minutesLater(2), eventId: anEventId(6) });
    await log.append([anEvent('LetterSubmitted', { letterId: before, letter: lotta, eventId: anEventId(1) }), ...kept]);

    await log.append([erasure]);
    await log.append([anEvent('LetterAmended', { letterId: before, letter: emil, occurredAt: minutesLater(2), eventId: anEventId(5) }), later]);

    expect(await log.history(before)).toEqual([]);
    expect(await log.history(after)).toEqual([later]);
    expect([...(await collect(log.scan()))].sort(byVersion)).toEqual([...kept, erasure, later]);
  });

  it('ends with the events of the letters no erasure names, whatever the order and batching', async () => {
    const lotta = aLetter({ child: aChild({ id: 'lotta-2019' }) });
    const events: LetterEvent[] = [
      anEvent('LetterSubmitted', { letterId: aLetterId(1), letter: lotta, occurredAt: minutesLater(0), eventId: anEventId(1) }),
      anEvent('LetterWithdrawn', { letterId: aLetterId(1), occurredAt: minutesLater(3), eventId: anEventId(2) }),
      anEvent('LetterSubmitted', { letterId: aLetterId(2), letter: lotta, occurredAt: minutesLater(2), eventId: anEventId(3) }),
      anErasure({ childId: 'lotta-2019', occurredAt: minutesLater(1), eventId: anEventId(4) }),
      anEvent('LetterAmended', { letterId: aLetterId(1), letter: lotta, occurredAt: minutesLater(4), eventId: anEventId(5) }),
    ];
    const expected = [events[3], events[2]];
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const { log } = await anEventLog();
      const batches = inBatches(redelivered(events, seed), 3, seed);

      if (seed % 2 === 0) await Promise.all(batches.map((batch) => log.append(batch)));
      else for (const batch of batches) await log.append(batch);

      expect({ seed, events: [...(await collect(log.scan()))].sort(byVersion) }).toEqual({ seed, events: expected });
    }
  });

  it('spreads one day of events over the index shards and merges them back in time order', async () => {
    const { log, tableName } = await anEventLog();
    const events = Array.from({ length: 60 }, (_, n) =>
      anEvent('LetterSubmitted', { letterId: aLetterId(n + 1), occurredAt: minutesLater(n), eventId: anEventId(n + 1) }),
    );
    await log.append(shuffled(events, 7));

    const keys = new Set((await rowsIn(tableName)).map((item) => item['day']));
    const scanned = await collect(log.scan({ since: minutesLater(10) }));

    expect(keys.size).toBeGreaterThan(40);
    expect(scanned).toEqual(events.slice(10));
  });

  it('still reads events archived under the unsharded day key, in time order with the rest', async () => {
    const { log, tableName } = await anEventLog();
    const [archived, later] = [
      anEvent('LetterSubmitted', { letterId: aLetterId(1), occurredAt: minutesLater(1), eventId: anEventId(1) }),
      anEvent('LetterSubmitted', { letterId: aLetterId(2), occurredAt: minutesLater(2), eventId: anEventId(2) }),
    ];
    await log.append([archived]);
    const [stored] = await rowsIn(tableName);
    await dynamo.client.send(new PutCommand({ TableName: tableName, Item: { ...stored, day: '2026-12-01' } }));
    await log.append([later]);

    expect(await collect(log.scan({ since: '2026-12-01' }))).toEqual([archived, later]);
  });

  it('rejects a since that does not compare with event times', async () => {
    const { log } = await anEventLog();

    await expect(collect(log.scan({ since: '2026-12-01T08:00Z' }))).rejects.toBeInstanceOf(RangeError);
  });

  it('rethrows an error that is not a failed condition', async () => {
    const log = createEventLog({ client: dynamo.client, tableName: 'no-such-table' });

    const appending = log.append([anEvent('LetterSubmitted', { letter: aLetter({ child: aChild() }) })]);

    await expect(appending).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('byDayKey', () => {
  it('puts no index key above 1.5% of a day of 100,000 letters', () => {
    const perKey = new Map<string, number>();
    for (let n = 0; n < 100_000; n++) {
      const key = byDayKey(`LETTER#letter-${n}`, '2026-12-24T18:00:00.000Z');
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
    }

    expect(perKey.size).toBe(EVENT_LOG_TABLE.byDayShards);
    expect(Math.max(...perKey.values()) / 100_000).toBeLessThan(0.015);
  });
});
