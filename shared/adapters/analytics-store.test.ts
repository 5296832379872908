import type { Sql } from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventVersion, type LetterChange, type LetterEvent, type LetterEventType } from '../domain/events.js';
import type { Child, Toy } from '../domain/letter.js';
import type { AnalyticsReader } from '../domain/ports.js';
import { A_FAMILY, aChild, aLetter, aLetterId, anEvent, anEventId, inBatches, minutesLater, redelivered } from '../testing/letters.js';
import { startTestDatabase, type TestDatabase } from '../testing/postgres.js';
import { createAnalyticsStore } from './analytics-store.js';
import { runMigrations } from './migrations.js';
import { testChildPseudonym } from '../testing/child-pseudonyms.js';

// Rows expire after their events, so rows written twice are equal (expires_at included).
// minChildren 1: these answers are compared with exact models, small groups included.
const STORE_OPTIONS = { childPseudonym: testChildPseudonym, retentionDays: 400, minChildren: 1 };
const expiresAfter = (isoTime: string) => new Date(Date.parse(isoTime) + 400 * 24 * 60 * 60 * 1000);

let nextEventId = 1;
const event = (
  type: LetterEventType,
  letter: number,
  minute: number,
  content: { child?: Child; toys?: Toy[] } = {},
): LetterChange =>
  anEvent(type, {
    letterId: aLetterId(letter),
    occurredAt: minutesLater(minute),
    eventId: anEventId(nextEventId++),
    letter: aLetter({ child: content.child ?? aChild(), toys: content.toys ?? [{ name: 'Wooden train', quantity: 1 }] }),
  });

const lotta = aChild({ id: 'lotta-2019', name: 'Lotta', country: 'SE' });
const nils = aChild({ id: 'nils-2018', name: 'Nils', country: 'SE' });
const ada = aChild({ id: 'ada-2017', name: 'Ada', country: 'GB' });

/**
 * A season in order of occurrence: letter 2 is amended, letter 3 amended twice in the same
 * millisecond (the higher event id wins), letter 4 withdrawn, letter 5 withdrawn without
 * ever being seen, letter 6 is Lotta's second active letter.
 */
const season = (): LetterChange[] => {
  const sameInstantFirst = event('LetterAmended', 3, 8, { child: ada, toys: [{ name: 'Kite', quantity: 1 }] });
  const sameInstantSecond = event('LetterAmended', 3, 8, {
    child: ada,
    toys: [
      { name: 'Kite', quantity: 4 },
      { name: 'Ball', quantity: 4 },
    ],
  });
  return [
    event('LetterSubmitted', 1, 0, {
      child: lotta,
      toys: [
        { name: 'Wooden train', quantity: 1 },
        { name: 'Red bicycle', quantity: 2 },
      ],
    }),
    event('LetterSubmitted', 2, 1, {
      child: nils,
      toys: [
        { name: 'wooden  Train', quantity: 2 },
        { name: 'Kite', quantity: 1 },
      ],
    }),
    event('LetterSubmitted', 3, 2, { child: ada, toys: [{ name: 'Kite', quantity: 2 }] }),
    event('LetterSubmitted', 4, 3, { child: lotta, toys: [{ name: 'Puzzle', quantity: 1 }] }),
    event('LetterWithdrawn', 5, 4),
    event('LetterAmended', 2, 5, {
      child: nils,
      toys: [
        { name: 'Wooden train', quantity: 3 },
        { name: 'Kite', quantity: 1 },
      ],
    }),
    event('LetterWithdrawn', 4, 6),
    event('LetterSubmitted', 6, 7, { child: lotta, toys: [{ name: 'Red Bicycle', quantity: 1 }] }),
    sameInstantFirst,
    sameInstantSecond,
  ];
};

const SEASON_TOP_TOYS = [
  { toy: 'kite', quantity: 5, letters: 2 },
  { toy: 'ball', quantity: 4, letters: 1 },
  { toy: 'wooden train', quantity: 4, letters: 2 },
  { toy: 'red bicycle', quantity: 3, letters: 2 },
];

const SEASON_SUMMARY = {
  letters: { active: 4, withdrawn: 1 },
  children: 3,
  toys: { distinct: 4, quantity: 16 },
  countries: [
    { country: 'SE', letters: 3, quantity: 8 },
    { country: 'GB', letters: 1, quantity: 8 },
  ],
};

const answers = async (reader: AnalyticsReader) => ({
  top: await reader.topToys({ limit: 100 }),
  se: await reader.topToys({ limit: 100, country: 'SE' }),
  summary: await reader.summary(),
});

describe('createAnalyticsStore', () => {
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

  const storedRows = () => db.sql`SELECT *, xmin::text AS xmin FROM letters ORDER BY letter_id`;
  const storedLetters = async () => (await storedRows()).map(({ xmin: _xmin, ...row }) => row);

  describe('topToys', () => {
    it('counts active letters only, grouped by normalised name, by quantity then name', async () => {
      const store = createAnalyticsStore(db.sql, STORE_OPTIONS);
      await store.apply(season());

      const top = await store.topToys({ limit: 10 });

      expect(top).toEqual(SEASON_TOP_TOYS);
    });

    it('counts the letters of one country only when asked, ties broken by name', async () => {
      const store = createAnalyticsStore(db.sql, STORE_OPTIONS);
      await store.apply(season());

      const se = await store.topToys({ limit: 10, country: 'SE' });
      const gb = await store.topToys({ limit: 10, country: 'GB' });
      const nowhere = await store.topToys({ limit: 10, country: 'NO' });

      expect(se).toEqual([
        { toy: 'wooden train', quantity: 4, letters: 2 },
        { toy: 'red bicycle', quantity: 3, letters: 2 },
        { toy: 'kite', quantity: 1, letters: 1 },
      ]);
      expect(gb).toEqual([
        { toy: 'ball', quantity: 4, letters: 1 },
        { toy: 'kite', quantity: 4, letters: 1 },
      ]);
      expect(nowhere).toEqual([]);
    });

    it('answers at most limit toys', async () => {
      const store = createAnalyticsStore(db.sql, STORE_OPTIONS);
      await store.apply(season());

      const top = await store.topToys({ limit: 2 });

      expect(top).toEqual(SEASON_TOP_TOYS.slice(0, 2));
    });
  });

  describe('summary', () => {
    it('counts letters whose content is known, children and toys of active letters, and countries', async () => {
      const store = createAnalyticsStore(db.sql, STORE_OPTIONS);
      await store.apply(season());

      const summary = await store.summary();

      expect(summary).toEqual(SEASON_SUMMARY);
    });

    it('answers zeros and no countries for an empty database', async () => {
      const summary = await createAnalyticsStore(db.sql, STORE_OPTIONS).summary();

      expect(summary).toEqual({
        letters: { active: 0, withdrawn: 0 },
        children: 0,
        toys: { distinct: 0, quantity: 0 },
        countries: [],
      });
    });
  });

  describe('apply', () => {
    it('takes a withdrawn letter out of every total but counts it as withdrawn', async () => {
      const store = createAnalyticsStore(db.sql, STORE_OPTIONS);
      await store.apply([event('LetterSubmitted', 1, 0, { child: lotta })]);

      await store.apply([event('LetterWithdrawn', 1, 1)]);

      expect(await store.topToys({ limit: 10 })).toEqual([]);
      expect(await store.summary()).toEqual({
        letters: { active: 0, withdrawn: 1 },
        children: 0,
        toys: { distinct: 0, quantity: 0 },
        countries: [],
      });
    });

    it('keeps a letter withdrawn when its older Submitted arrives after the withdrawal', async () => {
      const store = createAnalyticsStore(db.sql, STORE_OPTIONS);
      const submitted = event('LetterSubmitted', 1, 0, { child: lotta });
      const withdrawn = event('LetterWithdrawn', 1, 1);

      await store.apply([withdrawn]);
      const beforeContent = await store.summary();
      await store.apply([submitted]);

      expect(beforeContent.letters).toEqual({ active: 0, withdrawn: 0 });
      expect((await store.summary()).letters).toEqual({ active: 0, withdrawn: 1 });
      expect(await storedLetters()).toMatchObject([
        {
          letter_id: aLetterId(1),
          status: 'withdrawn',
          child_id: testChildPseudonym(A_FAMILY, 'lotta-2019'),
          submitted_at: new Date(minutesLater(0)),
          updated_at: new Date(minutesLater(1)),
        },
      ]);
    });

    it('stores one row per letter, with the toys normalised and as written', async () => {
      const store = createAnalyticsStore(db.sql, STORE_OPTIONS);
      const events = season();

      const amended = events.find((e) => e.type === 'LetterAmended' && e.letterId === aLetterId(2));

      await store.apply(events);

      const rows = await storedLetters();
      expect(rows.map((row) => row.letter_id).sort()).toEqual([1, 2, 3, 4, 5, 6].map(aLetterId).sort());
      expect(rows.find((row) => row.letter_id === aLetterId(2))).toEqual({
        letter_id: aLetterId(2),
        child_id: testChildPseudonym(A_FAMILY, 'nils-2018'),
        child_age: 7,
        country: 'SE',
        status: 'active',
        version: amended && eventVersion(amended),
        content_version: amended && eventVersion(amended),
        content_kind: 'amended',
        status_version: amended && eventVersion(amended),
        aggregated: true,
        submitted_at: new Date(minutesLater(1)),
        updated_at: new Date(minutesLater(5)),
        toys: [
          { toy: 'wooden train', name: 'Wooden train', quantity: 3 },
          { toy: 'kite', name: 'Kite', quantity: 1 },
        ],
        // A season after its latest event, whenever it was written.
        expires_at: expiresAfter(minutesLater(5)),
      });
    });

    it('keeps the earliest LetterSubmitted: a later one changes neither content nor status', async () => {
      const store = createAnalyticsStore(db.sql, STORE_OPTIONS);
      const first = event('LetterSubmitted', 1, 0, { child: lotta, toys: [{ name: 'Kite', quantity: 1 }] });
      const retry = event('LetterSubmitted', 1, 3, { child: nils, toys: [{ name: 'Ball', quantity: 2 }] });

      await store.apply([first]);
      await store.apply([retry]);

      expect(await store.topToys({ limit: 10 })).toEqual([{ toy: 'kite', quantity: 1, letters: 1 }]);
      expect(await storedLetters()).toMatchObject([{ child_id: testChildPseudonym(A_FAMILY, 'lotta-2019'), content_version: eventVersion(first), content_kind: 'submitted' }]);
    });

    it('lets an earlier LetterSubmitted that arrives late replace a later one', async () => {
      const store = createAnalyticsStore(db.sql, STORE_OPTIONS);
      const earlier = event('LetterSubmitted', 1, 0, { child: lotta, toys: [{ name: 'Kite', quantity: 1 }] });
      const later = event('LetterSubmitted', 1, 3, { child: nils, toys: [{ name: 'Ball', quantity: 2 }] });

      await store.apply([later]);
      await store.apply([earlier]);

      expect(await store.topToys({ limit: 10 })).toEqual([{ toy: 'kite', quantity: 1, letters: 1 }]);
    });

    it('never lets a LetterSubmitted override an amendment, even one that occurred earlier', async () => {
      const store = createAnalyticsStore(db.sql, STORE_OPTIONS);
      const submitted = event('LetterSubmitted', 1, 0, { child: lotta, toys: [{ name: 'Kite', quantity: 1 }] });
      const amended = event('LetterAmended', 1, 2, { child: lotta, toys: [{ name: 'Puzzle', quantity: 3 }] });
      const lateSubmit = event('LetterSubmitted', 1, 5, { child: lotta, toys: [{ name: 'Ball', quantity: 2 }] });

      for (const batch of [[amended], [lateSubmit], [submitted]]) await store.apply(batch);

      expect(await store.topToys({ limit: 10 })).toEqual([{ toy: 'puzzle', quantity: 3, letters: 1 }]);
    });

    it('never lets a LetterSubmitted reactivate a withdrawn letter; a later amendment does', async () => {
      const store = createAnalyticsStore(db.sql, STORE_OPTIONS);
      await store.apply([event('LetterSubmitted', 1, 0, { child: lotta }), event('LetterWithdrawn', 1, 1)]);

      await store.apply([event('LetterSubmitted', 1, 2, { child: lotta })]);
      const afterSubmit = (await store.summary()).letters;
      await store.apply([event('LetterAmended', 1, 3, { child: lotta })]);

      expect(afterSubmit).toEqual({ active: 0, withdrawn: 1 });
      expect((await store.summary()).letters).toEqual({ active: 1, withdrawn: 0 });
    });

    it('stores the same rows and answers for duplicated, shuffled, stale-after-newer deliveries in any batches', async () => {
      const store = createAnalyticsStore(db.sql, STORE_OPTIONS);
      const events = season();
      for (const e of events) await store.apply([e]);
      const inOrder = { rows: await storedLetters(), answers: await answers(store) };
      expect(inOrder.answers).toEqual({ top: SEASON_TOP_TOYS, se: expect.any(Array), summary: SEASON_SUMMARY });

      for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
        await db.sql`TRUNCATE letters, analytics_letter_children, analytics_child_tombstones, analytics_letter_tombstones`;
        for (const batch of inBatches(redelivered(events, seed), 10, seed)) await store.apply(batch);

        expect({ seed, rows: await storedLetters(), answers: await answers(store) }).toEqual({ seed, ...inOrder });
      }
    });

    it('stores the same rows one statement per event as one statement per batch', async () => {
      const events = redelivered(season(), 42);
      await createAnalyticsStore(db.sql, { ...STORE_OPTIONS, batched: true }).apply(events);
      const batched = await storedLetters();
      await db.sql`TRUNCATE letters, analytics_letter_children, analytics_child_tombstones, analytics_letter_tombstones`;

      await createAnalyticsStore(db.sql, { ...STORE_OPTIONS, batched: false }).apply(events);

      expect(await storedLetters()).toEqual(batched);
    });

    it('changes nothing, not even a row version, for a batch of stale and repeated events', async () => {
      const store = createAnalyticsStore(db.sql, STORE_OPTIONS);
      const events = season();
      await store.apply(events);
      const before = await storedRows();
      const stale = events.filter((e) => e.occurredAt <= minutesLater(5));

      await store.apply([...stale, ...[...stale].reverse()]);
      await createAnalyticsStore(db.sql, { ...STORE_OPTIONS, batched: false }).apply(events);

      expect(await storedRows()).toEqual(before);
    });

    it('needs no more than analytics_writer may do to apply, and analytics_reader to answer', async () => {
      const asRole = <T>(role: 'analytics_writer' | 'analytics_reader', work: (sql: Sql) => Promise<T>) =>
        db.sql.begin(async (tx) => {
          await tx`SET LOCAL ROLE ${db.sql(role)}`;
          return work(tx as unknown as Sql);
        });

      await asRole('analytics_writer', (sql) => createAnalyticsStore(sql, { childPseudonym: testChildPseudonym }).apply(season()));
      await asRole('analytics_writer', (sql) => createAnalyticsStore(sql, { childPseudonym: testChildPseudonym, batched: false }).apply(season()));
      const read = await asRole('analytics_reader', (sql) => answers(createAnalyticsStore(sql, STORE_OPTIONS)));

      expect(read).toEqual({ top: SEASON_TOP_TOYS, se: expect.any(Array), summary: SEASON_SUMMARY });
    });

    it('sends nothing for an empty batch', async () => {
      const store = createAnalyticsStore(db.sql, STORE_OPTIONS);

      await store.apply([]);

      expect(await storedRows()).toEqual([]);
    });
  });
});
