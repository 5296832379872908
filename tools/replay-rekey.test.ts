import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyticsStore } from '../shared/adapters/analytics-store.js';
import { createEventLog } from '../shared/adapters/event-log.js';
import { eventLogTableDefinition } from '../shared/adapters/event-log-table.js';
import { lettersTableDefinition } from '../shared/adapters/letters-table.js';
import { runMigrations } from '../shared/adapters/migrations.js';
import { startDynalite, type RunningDynalite } from '../shared/testing/dynalite.js';
import { aChild, aLetter, aLetterId, anEvent, anEventId } from '../shared/testing/letters.js';
import { startTestDatabase, type TestDatabase } from '../shared/testing/postgres.js';
import { replayProjection, wipeProjection, type ReplayStores } from './replay-projection.js';
import { testChildErasureKey, testChildPseudonym } from '../shared/testing/child-pseudonyms.js';

const TABLES = { letters: 'letters', eventLog: 'letter-events' };

// Letters accepted before toys were grouped by NFKC and case folding: full-width and ASCII
// spellings, NFD and NFC, each stored under its own key by the former rule (lower-casing only).
const NAMES = ['ＬＥＧＯ', 'lego', 'Cafe\u0301', 'Caf\u00e9'];
const FORMER_KEY = (name: string) => name.trim().replace(/\s+/gu, ' ').toLowerCase();
const events = NAMES.map((name, i) =>
  anEvent('LetterSubmitted', {
    letterId: aLetterId(i + 1),
    eventId: anEventId(i + 1),
    letter: aLetter({ child: aChild({ id: `child-${i}` }), toys: [{ name, quantity: i + 1 }] }),
  }),
);

let dynalite: RunningDynalite;
let database: TestDatabase;
let stores: ReplayStores;

beforeAll(async () => {
  [dynalite, database] = await Promise.all([startDynalite(), startTestDatabase()]);
  await dynalite.createTable(lettersTableDefinition(TABLES.letters));
  await dynalite.createTable(eventLogTableDefinition(TABLES.eventLog));
  await runMigrations(database.sql);
  stores = { dynamo: dynalite.client, tables: TABLES, sql: () => database.sql, childPseudonym: () => testChildPseudonym, childErasureKey: () => testChildErasureKey };
  await createEventLog({ childErasureKey: testChildErasureKey, client: dynalite.client, tableName: TABLES.eventLog }).apply(events);
  await createAnalyticsStore(database.sql, { childPseudonym: testChildPseudonym }).apply(events);
  // The rows as the former projector wrote them.
  for (const [i, name] of NAMES.entries()) {
    await database.sql`UPDATE letters SET toys = ${database.sql.json([{ toy: FORMER_KEY(name), name, quantity: i + 1 }])} WHERE letter_id = ${aLetterId(i + 1)}`;
  }
}, 120_000);

afterAll(async () => {
  await database?.stop();
  await dynalite?.stop();
});

describe('make replay PROJECTION=letters-analytics WIPE=1', () => {
  it('re-keys toys stored under the former grouping key, so each toy is one row of top toys', async () => {
    // Every group shown: a model of a few letters.
    const analytics = createAnalyticsStore(database.sql, { childPseudonym: testChildPseudonym, minChildren: 1 });
    expect(await analytics.topToys({ limit: 10 })).toHaveLength(4);

    await wipeProjection('letters-analytics', stores);
    await replayProjection('letters-analytics', stores);

    expect(await analytics.topToys({ limit: 10 })).toEqual([
      { toy: 'café', quantity: 7, letters: 2 },
      { toy: 'lego', quantity: 3, letters: 2 },
    ]);
    expect((await analytics.summary()).toys).toEqual({ distinct: 2, quantity: 10 });
  });
});
