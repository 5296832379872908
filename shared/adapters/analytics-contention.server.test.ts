import type { Sql } from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testChildPseudonym } from '../testing/child-pseudonyms.js';
import { aChild, aLetter, aLetterId, anEvent, anEventId, minutesLater } from '../testing/letters.js';
import { startTestDatabase, writerClients, type TestDatabase } from '../testing/postgres.js';
import { checkAnalytics } from './analytics-check.js';
import { purgeExpiredAnalytics } from './analytics-purge.js';
import { createAnalyticsScan } from './analytics-scan.js';
import { createAnalyticsStore } from './analytics-store.js';
import { runMigrations } from './migrations.js';

const OPTIONS = { childPseudonym: testChildPseudonym, minChildren: 1 };

// Every letter asks for the same toy from the same country: before migration 004 they all
// updated one toy row, one country-and-toy row and the distinct counts.
const aKiteLetter = (n: number, minute = 0, childId = `kid-${n}`) =>
  anEvent('LetterSubmitted', {
    letterId: aLetterId(n),
    eventId: anEventId(n),
    occurredAt: minutesLater(minute),
    letter: aLetter({ child: aChild({ id: childId, country: 'SE' }), toys: [{ name: 'Kite', quantity: 1 }] }),
  });

describe('concurrent analytics writers', () => {
  let db: TestDatabase;
  // A client has one connection (as a Lambda instance has): one per concurrent writer.
  let writers: Sql[];
  beforeAll(async () => {
    db = await startTestDatabase();
    await runMigrations(db.sql);
    writers = writerClients(db, 4);
  });
  beforeEach(async () => {
    await db.sql`TRUNCATE letters, analytics_letter_children, analytics_child_tombstones, analytics_letter_tombstones`;
  });
  afterAll(async () => {
    await Promise.all(writers.map((writer) => writer.end()));
    await db.stop();
  });

  const answers = async (reader: ReturnType<typeof createAnalyticsScan>) => ({
    top: await reader.topToys({ limit: 10 }),
    se: await reader.topToys({ limit: 10, country: 'SE' }),
    summary: await reader.summary(),
  });
  const pendingRows = async () => Number((await db.sql`SELECT count(*) AS n FROM analytics_pending`)[0]?.n);

  it('never wait for each other on a popular toy or country: a batch that finds the fold taken adds pending rows and commits', async () => {
    const store = createAnalyticsStore(db.sql, OPTIONS);
    let others = 0;

    // The first batch stays open holding whatever it wrote, the fold (and so the aggregate rows) included.
    await writers[0]!.begin(async (tx) => {
      await createAnalyticsStore(tx as unknown as Sql, OPTIONS).apply([aKiteLetter(1)]);
      // Any row lock the others needed would make them wait for this transaction: they give up instead.
      await Promise.all(
        [2, 3, 4].map(async (n) => {
          await writers[n - 1]!.begin(async (other) => {
            await other`SET LOCAL lock_timeout = '2s'`;
            await createAnalyticsStore(other as unknown as Sql, OPTIONS).apply([aKiteLetter(n), aKiteLetter(n + 10)]);
          });
          others++;
        }),
      );
      expect(others).toBe(3);
      // Committed beside the open batch: pending, and already in the answers.
      expect(await pendingRows()).toBeGreaterThan(0);
      expect((await store.summary()).letters.active).toBe(6);
    });

    expect(await answers(store)).toEqual(await answers(createAnalyticsScan(db.sql, { minChildren: 1 })));
    expect(await checkAnalytics(db.sql)).toEqual({ letters: 7, lettersNotCounted: 0, differences: [] });
  });

  it('fold what is pending into the aggregates on the next batch that finds the fold free', async () => {
    const store = createAnalyticsStore(db.sql, OPTIONS);
    await writers[0]!.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(analytics_fold_lock_key())`;
      await Promise.all([1, 2, 3].map((n) => createAnalyticsStore(writers[n]!, OPTIONS).apply([aKiteLetter(n)])));
    });
    const before = await pendingRows();

    await store.apply([aKiteLetter(4)]);

    expect(before).toBeGreaterThan(0);
    expect(await pendingRows()).toBe(0);
    expect(await db.sql`SELECT toy, quantity::int, letters::int, children::int FROM analytics_toys`).toEqual([{ toy: 'kite', quantity: 4, letters: 4, children: 4 }]);
    expect(await checkAnalytics(db.sql)).toEqual({ letters: 4, lettersNotCounted: 0, differences: [] });
  });

  it('rank a toy with pending changes among those without, as a scan does', async () => {
    const store = createAnalyticsStore(db.sql, OPTIONS);
    const toyLetter = (n: number, toy: string, quantity: number) =>
      anEvent('LetterSubmitted', {
        letterId: aLetterId(n),
        eventId: anEventId(n),
        occurredAt: minutesLater(0),
        letter: aLetter({ child: aChild({ id: `kid-${n}`, country: n % 2 ? 'SE' : 'NO' }), toys: [{ name: toy, quantity }] }),
      });
    await store.apply(['Ball', 'Drum', 'Sled', 'Yo-yo'].map((toy, i) => toyLetter(i + 1, toy, 4 - i)));
    await writers[0]!.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(analytics_fold_lock_key())`;
      // The least wished-for toy overtakes the others, and a new one enters, while the fold is taken.
      await store.apply([toyLetter(5, 'Yo-yo', 9), toyLetter(6, 'Kite', 3)]);
    });

    expect(await pendingRows()).toBeGreaterThan(0);
    for (const limit of [1, 2, 3, 10]) {
      expect(await store.topToys({ limit })).toEqual(await createAnalyticsScan(db.sql, { minChildren: 1 }).topToys({ limit }));
      expect(await store.topToys({ limit, country: 'SE' })).toEqual(await createAnalyticsScan(db.sql, { minChildren: 1 }).topToys({ limit, country: 'SE' }));
    }
    expect((await store.topToys({ limit: 1 }))[0]).toEqual({ toy: 'yo-yo', quantity: 10, letters: 2 });
  });

  it('are folded by the scheduled purge even when no letter arrives', async () => {
    const store = createAnalyticsStore(db.sql, OPTIONS);
    await writers[0]!.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(analytics_fold_lock_key())`;
      await store.apply([aKiteLetter(1)]);
    });
    const before = await pendingRows();

    await purgeExpiredAnalytics(db.sql, { now: () => new Date(minutesLater(0)) });

    expect(before).toBeGreaterThan(0);
    expect(await pendingRows()).toBe(0);
    expect(await checkAnalytics(db.sql)).toMatchObject({ differences: [] });
  });
});
