import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAnalytics } from '../shared/adapters/analytics-check.js';
import { createAnalyticsStore } from '../shared/adapters/analytics-store.js';
import { createEventLog } from '../shared/adapters/event-log.js';
import { eventLogTableDefinition } from '../shared/adapters/event-log-table.js';
import { createLettersStore } from '../shared/adapters/letters-store.js';
import { lettersTableDefinition } from '../shared/adapters/letters-table.js';
import { runMigrations } from '../shared/adapters/migrations.js';
import { erasedLetterIds } from '../shared/domain/erasure.js';
import type { LetterEvent, LetterEventType } from '../shared/domain/events.js';
import { startDynalite, type RunningDynalite } from '../shared/testing/dynalite.js';
import { aChild, aLetter, aLetterId, anErasure, anEvent, anEventId, inBatches, minutesLater, redelivered, seededRandom } from '../shared/testing/letters.js';
import { startTestDatabase, type TestDatabase } from '../shared/testing/postgres.js';
import { replayEvents, replayProjection, wipeProjection, type ReplayStores } from './replay-projection.js';
import { testChildErasureKey, testChildPseudonym } from '../shared/testing/child-pseudonyms.js';

const TABLES = { letters: 'letters', eventLog: 'letter-events' };

/** A season of 40 letters, each submitted, then amended or withdrawn at random (seeded). */
const season = (): LetterEvent[] => {
  const random = seededRandom(7);
  const events: LetterEvent[] = [];
  let n = 0;
  for (let letter = 1; letter <= 40; letter += 1) {
    const steps: LetterEventType[] = ['LetterSubmitted', ...Array.from({ length: Math.floor(random() * 4) }, () => (random() < 0.7 ? 'LetterAmended' : 'LetterWithdrawn') as LetterEventType)];
    steps.forEach((type, step) => {
      n += 1;
      events.push(
        anEvent(type, {
          letterId: aLetterId(letter),
          eventId: anEventId(n),
          // Across two days, so replay --since crosses a day partition of the log.
          occurredAt: minutesLater(letter * 60 + step),
          letter: aLetter({
            child: aChild({ id: `child-${letter % 9}`, country: random() < 0.5 ? 'SE' : 'GB' }),
            toys: [{ name: `Toy ${Math.floor(random() * 6)}`, quantity: 1 + Math.floor(random() * 5) }],
          }),
        }),
      );
    });
  }
  return events;
};

let dynalite: RunningDynalite;
let database: TestDatabase;
let stores: ReplayStores;
const events = season();

const lettersItems = async () => {
  const { Items = [] } = await stores.dynamo.send(new ScanCommand({ TableName: TABLES.letters }));
  return Items.sort((a, b) => String(a.pk).localeCompare(String(b.pk)));
};
// Every column but expires_at: a rebuilt row lives RETENTION_DAYS from its rebuild.
const analyticsRows = async () => (await database.sql`SELECT * FROM letters ORDER BY letter_id`).map(({ expires_at: _expiresAt, ...row }) => row);

beforeAll(async () => {
  [dynalite, database] = await Promise.all([startDynalite(), startTestDatabase()]);
  await dynalite.createTable(lettersTableDefinition(TABLES.letters));
  await dynalite.createTable(eventLogTableDefinition(TABLES.eventLog));
  await runMigrations(database.sql);
  stores = { dynamo: dynalite.client, tables: TABLES, sql: () => database.sql, childPseudonym: () => testChildPseudonym, childErasureKey: () => testChildErasureKey };
  // Prepare: the consumers saw every event, duplicated and out of order, in batches.
  const eventLog = createEventLog({ childErasureKey: testChildErasureKey, client: dynalite.client, tableName: TABLES.eventLog, now: () => new Date(minutesLater(48 * 60)) });
  const letters = createLettersStore({ childErasureKey: testChildErasureKey, client: dynalite.client, tableName: TABLES.letters });
  const analytics = createAnalyticsStore(database.sql, { childPseudonym: testChildPseudonym });
  for (const batch of inBatches(redelivered(events, 3), 10, 3)) {
    await Promise.all([eventLog.apply(batch), letters.apply(batch), analytics.apply(batch)]);
  }
});

afterAll(async () => {
  await database?.stop();
  await dynalite?.stop();
});

describe('replayProjection', () => {
  it('rebuilds a wiped letters view to exactly its former state, and leaves analytics alone', async () => {
    const [lettersBefore, analyticsBefore] = await Promise.all([lettersItems(), analyticsRows()]);

    const wiped = await wipeProjection('letters-view', stores);
    // Letters go; the erasure bookkeeping (ids and times) stays, so a rebuild keeps every erasure.
    expect((await lettersItems()).filter((item) => item['sk'] === 'LETTER')).toEqual([]);
    const replayed = await replayProjection('letters-view', stores, { batchSize: 7 });

    expect(wiped).toBe(40);
    expect(replayed).toBe(events.length);
    expect(await lettersItems()).toEqual(lettersBefore);
    expect(await analyticsRows()).toEqual(analyticsBefore);
  });

  it('rebuilds wiped analytics to exactly their former state, and leaves the letters view alone', async () => {
    const [lettersBefore, analyticsBefore] = await Promise.all([lettersItems(), analyticsRows()]);

    await wipeProjection('letters-analytics', stores);
    await replayProjection('letters-analytics', stores);
    expect(await checkAnalytics(database.sql)).toMatchObject({ lettersNotCounted: 0, differences: [] });

    expect(await analyticsRows()).toEqual(analyticsBefore);
    expect(await lettersItems()).toEqual(lettersBefore);
  });

  it('changes nothing when run again over a complete store, in full or since a time', async () => {
    const [lettersBefore, analyticsBefore] = await Promise.all([lettersItems(), analyticsRows()]);

    await replayProjection('letters-view', stores);
    const sinceCount = await replayProjection('letters-analytics', stores, { since: minutesLater(20 * 60), now: () => new Date(minutesLater(48 * 60)) });

    expect(sinceCount).toBe(events.filter((event) => event.occurredAt >= minutesLater(20 * 60)).length);
    expect(await lettersItems()).toEqual(lettersBefore);
    expect(await analyticsRows()).toEqual(analyticsBefore);
  });
});

describe('replayProjection after an erasure', () => {
  it('cannot restore an erased letter: the log holds none of its events, and the tombstones stay through the wipe', async () => {
    const tables = { letters: 'letters-erased', eventLog: 'letter-events-erased' };
    await dynalite.createTable(lettersTableDefinition(tables.letters));
    await dynalite.createTable(eventLogTableDefinition(tables.eventLog));
    const withErasure: LetterEvent[] = [...events, anErasure({ childId: 'child-3', occurredAt: minutesLater(20 * 60), eventId: anEventId(9999) })];
    const erased = [...erasedLetterIds(withErasure)];
    const eventLog = createEventLog({ childErasureKey: testChildErasureKey, client: dynalite.client, tableName: tables.eventLog });
    const letters = createLettersStore({ childErasureKey: testChildErasureKey, client: dynalite.client, tableName: tables.letters });
    for (const batch of inBatches(redelivered(withErasure, 5), 10, 5)) await Promise.all([eventLog.apply(batch), letters.apply(batch)]);
    const erasedStores = { ...stores, tables };
    const itemsOf = async () => ((await dynalite.client.send(new ScanCommand({ TableName: tables.letters }))).Items ?? []).sort((a, b) => String(a.pk).localeCompare(String(b.pk)) || String(a.sk).localeCompare(String(b.sk)));
    const before = await itemsOf();

    await wipeProjection('letters-view', erasedStores);
    await replayProjection('letters-view', erasedStores, { batchSize: 7 });

    expect(erased.length).toBeGreaterThan(0);
    expect(await itemsOf()).toEqual(before);
    for (const letterId of erased) {
      expect(await letters.get(letterId)).toBeUndefined();
      expect(await eventLog.history(letterId)).toEqual([]);
    }
    expect((await letters.get(aLetterId(1)))?.view.letterId).toBe(aLetterId(1));
  });
});

describe('replayEvents', () => {
  it('applies events in batches of the given size and reports progress after each', async () => {
    const applied: number[] = [];
    const progress: number[] = [];
    async function* five() {
      yield* events.slice(0, 5);
    }

    const count = await replayEvents(five(), { apply: async (batch) => void applied.push(batch.length) }, { batchSize: 2, onProgress: (done) => progress.push(done) });

    expect(count).toBe(5);
    expect(applied).toEqual([2, 2, 1]);
    expect(progress).toEqual([2, 4, 5]);
  });
});
