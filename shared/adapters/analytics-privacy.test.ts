import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aChild, aLetter, aLetterId, anErasure, anEvent, anEventId, minutesLater } from '../testing/letters.js';
import { testChildPseudonym } from '../testing/child-pseudonyms.js';
import { startTestDatabase, type TestDatabase } from '../testing/postgres.js';
import { backfillAnalytics } from './analytics-backfill.js';
import { createAnalyticsStore } from './analytics-store.js';
import { runMigrations } from './migrations.js';

// Names, messages and child ids distinctive enough that no other text contains them by chance.
const CHILDREN = [
  { id: 'kid-zephyrine', name: 'Zéphyrine Quillfeather' },
  { id: 'kid-bartholomew', name: 'Bartholomew Snowdrift' },
  { id: 'kid-oona', name: 'Oona 雪 Fairweather' },
];
const MESSAGES = ['Dear Santa, my secret wish is a lighthouse', 'I have been mostly good, ask my grandmother Ingeborg'];

/** Every row of every table of this schema, as text: what a dump of the analytics database holds. */
const dumpSchema = async (db: TestDatabase): Promise<string> => {
  const tables = await db.sql<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`;
  const texts = await Promise.all(
    tables.map(async ({ name }) => (await db.sql<{ text: string | null }[]>`SELECT string_agg(t::text, E'\n') AS text FROM ${db.sql(name)} t`)[0]?.text ?? ''),
  );
  return texts.join('\n');
};

describe('the analytics database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startTestDatabase();
    await runMigrations(db.sql);
  });
  afterAll(async () => {
    await db.stop();
  });

  it('holds none of the child names, messages or child ids the projector was sent', async () => {
    const store = createAnalyticsStore(db.sql, { childPseudonym: testChildPseudonym });
    const events = CHILDREN.flatMap((child, i) => [
      anEvent('LetterSubmitted', { letterId: aLetterId(i + 1), eventId: anEventId(10 * i + 1), occurredAt: minutesLater(i), letter: aLetter({ child: aChild(child), message: MESSAGES[i % 2] }) }),
      anEvent('LetterAmended', { letterId: aLetterId(i + 1), eventId: anEventId(10 * i + 2), occurredAt: minutesLater(i + 5), letter: aLetter({ child: aChild(child), message: MESSAGES[(i + 1) % 2] }) }),
    ]);

    await store.apply(events);
    await store.apply([anErasure({ childId: CHILDREN[0]!.id, occurredAt: minutesLater(20) })]);
    await backfillAnalytics(db.sql);
    const dump = await dumpSchema(db);

    expect(dump).toContain(aLetterId(2));
    for (const secret of [...CHILDREN.flatMap((child) => [child.name, child.id]), ...MESSAGES]) expect(dump).not.toContain(secret);
    expect((await store.summary()).children).toBe(2);
  });
});
