import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LetterEvent } from '../domain/events.js';
import { testChildPseudonym } from '../testing/child-pseudonyms.js';
import { aChild, aLetter, aLetterId, anErasure, anEvent, anEventId, minutesLater } from '../testing/letters.js';
import { startTestDatabase, type TestDatabase } from '../testing/postgres.js';
import { checkAnalytics } from './analytics-check.js';
import { createAnalyticsStore } from './analytics-store.js';
import { runMigrations } from './migrations.js';

let nextId = 1;
const content = (type: 'LetterSubmitted' | 'LetterAmended', letter: number, minute: number, childId: string, toy: string, ownerId = 'family-1') =>
  anEvent(type, { ownerId, letterId: aLetterId(letter), eventId: anEventId(nextId++), occurredAt: minutesLater(minute), letter: aLetter({ child: aChild({ id: childId }), toys: [{ name: toy, quantity: 1 }] }) });
const erasure = (minute: number, childId: string, ownerId = 'family-1') => anErasure({ ownerId, childId, eventId: anEventId(nextId++), occurredAt: minutesLater(minute) });

describe('ChildErased in the analytics projection', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startTestDatabase();
    await runMigrations(db.sql);
  });
  beforeEach(async () => {
    await db.sql`TRUNCATE letters, analytics_letter_children, analytics_child_tombstones, analytics_letter_tombstones`;
  });
  afterAll(async () => {
    await db.stop();
  });

  const store = () => createAnalyticsStore(db.sql, { childPseudonym: testChildPseudonym, minChildren: 1 });
  const letterIds = async () => (await db.sql<{ letter_id: string }[]>`SELECT letter_id FROM letters ORDER BY letter_id COLLATE "C"`).map((row) => row.letter_id);

  const season = (): LetterEvent[] => [
    content('LetterSubmitted', 1, 0, 'kid-a', 'Kite'),
    // Named kid-a, then kid-b, both before the erasure: it carried kid-a's data, so it is erased whole.
    content('LetterSubmitted', 2, 1, 'kid-a', 'Drum'),
    content('LetterAmended', 2, 2, 'kid-b', 'Drum'),
    content('LetterSubmitted', 3, 3, 'kid-b', 'Ball'),
    content('LetterSubmitted', 4, 4, 'kid-a', 'Sled', 'family-2'),
    erasure(5, 'kid-a'),
    // After the erasure: a new letter of kid-a is kept; an amendment of an erased one is not.
    content('LetterSubmitted', 5, 6, 'kid-a', 'Puzzle'),
    content('LetterAmended', 1, 7, 'kid-a', 'Big kite'),
    // A letter that names kid-a only from an amendment after the erasure is kept.
    content('LetterAmended', 3, 8, 'kid-a', 'Ball'),
  ];
  const KEPT = [3, 4, 5].map(aLetterId).sort();

  it('removes the letters of that account naming that child up to the erasure, in any order, and keeps the aggregates exact', async () => {
    for (const order of [season(), [...season()].reverse()]) {
      await db.sql`TRUNCATE letters, analytics_letter_children, analytics_child_tombstones, analytics_letter_tombstones`;
      for (const event of order) await store().apply([event]);

      expect(await letterIds()).toEqual(KEPT);
      expect(await checkAnalytics(db.sql)).toEqual({ letters: 3, lettersNotCounted: 0, differences: [] });
      expect(await store().topToys({ limit: 10 })).toEqual([
        { toy: 'ball', quantity: 1, letters: 1 },
        { toy: 'puzzle', quantity: 1, letters: 1 },
        { toy: 'sled', quantity: 1, letters: 1 },
      ]);
    }
  });

  it('brings nothing back when every event is redriven after the erasure, and is idempotent', async () => {
    await store().apply(season());
    await store().apply(season());
    await store().apply([erasure(5, 'kid-a'), ...season().filter((event) => event.type !== 'ChildErased')]);

    expect(await letterIds()).toEqual(KEPT);
    expect(await db.sql`SELECT count(*)::int AS n FROM analytics_letter_tombstones`).toEqual([{ n: 2 }]);
    expect(await checkAnalytics(db.sql)).toMatchObject({ differences: [] });
  });
});
