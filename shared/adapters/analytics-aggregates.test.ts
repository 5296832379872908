import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { erasedLetterIds, isLetterChange } from '../domain/erasure.js';
import { eventVersion, type LetterChange, type LetterEvent } from '../domain/events.js';
import { aChild, aLetter, aLetterId, anErasure, anEvent, anEventId, minutesLater } from '../testing/letters.js';
import { startTestDatabase, writerClients, type TestDatabase } from '../testing/postgres.js';
import { backfillAnalytics } from './analytics-backfill.js';
import { checkAnalytics } from './analytics-check.js';
import { createAnalyticsScan } from './analytics-scan.js';
import { createAnalyticsStore } from './analytics-store.js';
import type { Sql } from 'postgres';
import { migrations, runMigrations } from './migrations.js';
import { testChildPseudonym } from '../testing/child-pseudonyms.js';

const CHILDREN = [aChild({ id: 'lotta-2019', country: 'SE' }), aChild({ id: 'nils-2018', country: 'SE' }), aChild({ id: 'ada-2017', country: 'GB' })];
// Names that share grouping keys, so letters meet in the same aggregate rows.
const TOY_NAMES = ['Kite', 'kite ', 'Ball', 'Wooden  train', 'wooden train', 'Puzzle'];

// Two accounts with a child of the same id: an erasure by one must not touch the other's.
const FAMILIES = ['family-a', 'family-b'] as const;

const anyEvent = fc.record({
  type: fc.constantFrom('LetterSubmitted' as const, 'LetterAmended' as const, 'LetterWithdrawn' as const, 'ChildErased' as const),
  family: fc.constantFrom(...FAMILIES),
  letter: fc.integer({ min: 1, max: 4 }),
  // Few instants, so equal occurredAt (tie broken by eventId) happens often.
  minute: fc.integer({ min: 0, max: 4 }),
  child: fc.constantFrom(...CHILDREN),
  toys: fc.uniqueArray(fc.record({ name: fc.constantFrom(...TOY_NAMES), quantity: fc.integer({ min: 1, max: 3 }) }), {
    minLength: 1,
    maxLength: 3,
    selector: (toy) => toy.name,
  }),
});

type EventSpec = { type: LetterEvent['type']; family?: string; letter: number; minute: number; child: (typeof CHILDREN)[number]; toys: { name: string; quantity: number }[] };

const toEvents = (specs: EventSpec[]): LetterEvent[] =>
  specs.map((spec, i) =>
    spec.type === 'ChildErased'
      ? anErasure({ ownerId: spec.family ?? 'family-a', childId: spec.child.id, eventId: anEventId(i + 1), occurredAt: minutesLater(spec.minute) })
      : anEvent(spec.type, {
      ownerId: spec.family ?? 'family-a',
      letterId: aLetterId(spec.letter),
      eventId: anEventId(i + 1),
      occurredAt: minutesLater(spec.minute),
      letter: aLetter({ child: spec.child, toys: spec.toys }),
    }),
  );

/**
 * The rule of DESIGN.md, per letter: content from the latest Amended, else the earliest Submitted;
 * status from the latest Amended/Withdrawn; letters erased by the pure rule of shared/domain/erasure.ts absent.
 */
const expectedRows = (events: LetterEvent[]) => {
  const erased = erasedLetterIds(events);
  const byLetter = new Map<string, LetterChange[]>();
  for (const e of events.filter(isLetterChange)) if (!erased.has(e.letterId)) byLetter.set(e.letterId, [...(byLetter.get(e.letterId) ?? []), e]);
  const latest = (list: LetterChange[]) => list.reduce<LetterChange | undefined>((a, e) => (!a || eventVersion(e) > eventVersion(a) ? e : a), undefined);
  const earliest = (list: LetterChange[]) => list.reduce<LetterChange | undefined>((a, e) => (!a || eventVersion(e) < eventVersion(a) ? e : a), undefined);
  return [...byLetter.entries()]
    .map(([letterId, list]) => {
      const content = latest(list.filter((e) => e.type === 'LetterAmended')) ?? earliest(list.filter((e) => e.type === 'LetterSubmitted'));
      const status = latest(list.filter((e) => e.type !== 'LetterSubmitted'));
      return {
        letter_id: letterId,
        content_version: content ? eventVersion(content) : null,
        status: status?.type === 'LetterWithdrawn' ? 'withdrawn' : 'active',
      };
    })
    .sort((a, b) => (a.letter_id < b.letter_id ? -1 : 1));
};

/** Splits events into `parts` batches by the given assignment. */
const split = (events: LetterEvent[], assignment: number[], parts: number): LetterEvent[][] =>
  Array.from({ length: parts }, (_, p) => events.filter((_, i) => (assignment[i] ?? 0) % parts === p));

describe('the analytics aggregates', () => {
  let db: TestDatabase;
  // A client has one connection (as a Lambda instance has): concurrent batches need one each.
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
    top: await reader.topToys({ limit: 100 }),
    se: await reader.topToys({ limit: 100, country: 'SE' }),
    gb: await reader.topToys({ limit: 100, country: 'GB' }),
    summary: await reader.summary(),
  });
  const storedRows = () => db.sql`SELECT letter_id, content_version, status FROM letters ORDER BY letter_id COLLATE "C"`;

  it('equal a scan of the letters for any events and erasures, duplicated, shuffled and split into concurrent batches, small groups hidden alike', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(anyEvent, { minLength: 1, maxLength: 14 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        async (specs, duplicates, orderKeys, assignment, parts, minChildren) => {
          await db.sql`TRUNCATE letters, analytics_letter_children, analytics_child_tombstones, analytics_letter_tombstones`;
          const store = createAnalyticsStore(db.sql, { childPseudonym: testChildPseudonym, minChildren });
          const scan = createAnalyticsScan(db.sql, { minChildren });
          const events = toEvents(specs);
          // Every event at least once, some again, in any order.
          const delivered = [...events, ...duplicates.map((d) => events[d % events.length] as LetterEvent)]
            .map((e, i) => ({ e, key: orderKeys[i] ?? i }))
            .sort((a, b) => a.key - b.key)
            .map(({ e }) => e);

          await Promise.all(
            split(delivered, assignment, parts).map((batch, p) => createAnalyticsStore(writers[p]!, { childPseudonym: testChildPseudonym }).apply(batch)),
          );

          expect(await answers(store)).toEqual(await answers(scan));
          expect(await checkAnalytics(db.sql)).toEqual({ letters: expectedRows(events).length, lettersNotCounted: 0, differences: [] });
          expect(await storedRows()).toEqual(expectedRows(events));
        },
      ),
      { numRuns: 40, seed: 20261224 },
    );
    // Forty runs of concurrent batches: seconds on a quiet machine, much longer on a busy one.
  }, 180_000);

  it('stay exact when one letter is replayed concurrently with its own redeliveries', async () => {
    const store = createAnalyticsStore(db.sql, { childPseudonym: testChildPseudonym, minChildren: 1 });
    const events = toEvents([
      { type: 'LetterSubmitted', letter: 1, minute: 0, child: CHILDREN[0]!, toys: [{ name: 'Kite', quantity: 2 }] },
      { type: 'LetterAmended', letter: 1, minute: 1, child: CHILDREN[2]!, toys: [{ name: 'Ball', quantity: 1 }] },
      { type: 'LetterWithdrawn', letter: 1, minute: 2, child: CHILDREN[0]!, toys: [] },
      { type: 'LetterAmended', letter: 1, minute: 3, child: CHILDREN[1]!, toys: [{ name: 'Puzzle', quantity: 3 }] },
    ]);

    await Promise.all([...events, ...events, ...events].reverse().map((e, i) => createAnalyticsStore(writers[i % writers.length]!, { childPseudonym: testChildPseudonym }).apply([e])));

    expect(await checkAnalytics(db.sql)).toEqual({ letters: 1, lettersNotCounted: 0, differences: [] });
    expect(await store.topToys({ limit: 10 })).toEqual([{ toy: 'puzzle', quantity: 3, letters: 1 }]);
  });

  describe('checkAnalytics', () => {
    it('reports each aggregate row that a scan does not reproduce, pending changes included', async () => {
      const store = createAnalyticsStore(db.sql, { childPseudonym: testChildPseudonym, minChildren: 1 });
      await store.apply(toEvents([{ type: 'LetterSubmitted', letter: 1, minute: 0, child: CHILDREN[0]!, toys: [{ name: 'Kite', quantity: 2 }] }]));
      await db.sql`UPDATE analytics_toys SET quantity = quantity + 1`;
      await db.sql`UPDATE analytics_children SET letters = 2, groups = groups - ':kite'`;
      await db.sql`INSERT INTO analytics_pending VALUES ('country', 'SE', '', 0, 0, 0, 1)`;

      const check = await checkAnalytics(db.sql);

      expect(check.differences).toEqual([
        { aggregate: 'child-groups', key: `${testChildPseudonym('family-a', 'lotta-2019')}  kite`, expected: { letters: 1 }, actual: null },
        { aggregate: 'children', key: testChildPseudonym('family-a', 'lotta-2019'), expected: { letters: 1 }, actual: { letters: 2 } },
        { aggregate: 'countries', key: 'SE', expected: { active: 1, withdrawn: 0, quantity: 2, children: 1 }, actual: { active: 1, withdrawn: 0, quantity: 2, children: 2 } },
        { aggregate: 'toys', key: 'kite', expected: { quantity: 2, letters: 1, children: 1 }, actual: { quantity: 3, letters: 1, children: 1 } },
      ]);
    });
  });

  describe('backfillAnalytics', () => {
    it('counts letters written before the aggregates existed while the projector keeps writing, each exactly once', async () => {
      const store = createAnalyticsStore(db.sql, { childPseudonym: testChildPseudonym, minChildren: 1 });
      const old = toEvents(
        Array.from({ length: 60 }, (_, i) => ({ type: 'LetterSubmitted' as const, letter: i + 1, minute: 0, child: CHILDREN[i % 3]!, toys: [{ name: TOY_NAMES[i % 6]!, quantity: 1 + (i % 3) }] })),
      );
      await store.apply(old);
      // As the rows were before migration 002: in no aggregate yet (the update trigger takes them out).
      await db.sql`UPDATE letters SET aggregated = false`;
      const before = await checkAnalytics(db.sql);
      const live = toEvents(
        Array.from({ length: 40 }, (_, i) => ({ type: i % 2 ? ('LetterWithdrawn' as const) : ('LetterAmended' as const), letter: 1 + ((i * 7) % 80), minute: 1 + (i % 3), child: CHILDREN[(i + 1) % 3]!, toys: [{ name: 'Puzzle', quantity: 1 }] })),
      ).map((e, i) => ({ ...e, eventId: anEventId(1000 + i) }));

      const [backfilled] = await Promise.all([
        backfillAnalytics(db.sql, { batchSize: 7 }),
        ...live.map((e) => store.apply([e])),
      ]);

      expect(before).toMatchObject({ letters: 60, lettersNotCounted: 60 });
      expect(before.differences).not.toEqual([]);
      expect(backfilled.done).toBe(true);
      expect(await checkAnalytics(db.sql)).toMatchObject({ lettersNotCounted: 0, differences: [] });
      expect(await backfillAnalytics(db.sql)).toEqual({ counted: 0, done: true });
    });

    it('counts rows that revision 1 projected, and keeps their content and status against a redelivered LetterSubmitted', async () => {
      await db.reset();
      await runMigrations(db.sql, { migrations: migrations.slice(0, 1) });
      const [submitted, amended] = toEvents([
        { type: 'LetterSubmitted', letter: 1, minute: 0, child: CHILDREN[0]!, toys: [{ name: 'Kite', quantity: 1 }] },
        { type: 'LetterAmended', letter: 1, minute: 2, child: CHILDREN[0]!, toys: [{ name: 'Ball', quantity: 2 }] },
      ]) as [LetterEvent, LetterEvent];
      // The row revision 1 kept after both events: content and status from the amendment.
      await db.sql`
        INSERT INTO letters (letter_id, child_id, child_name, child_age, country, status, version, content_version, submitted_at, updated_at, toys)
        VALUES (${aLetterId(1)}, 'lotta-2019', 'Lotta', 7, 'SE', 'active', ${eventVersion(amended)}, ${eventVersion(amended)},
                ${submitted.occurredAt}, ${amended.occurredAt}, ${db.sql.json([{ toy: 'ball', name: 'Ball', quantity: 2 }])})`;

      await runMigrations(db.sql);
      const before = await checkAnalytics(db.sql);
      await backfillAnalytics(db.sql);
      await createAnalyticsStore(db.sql, { childPseudonym: testChildPseudonym, minChildren: 1 }).apply([{ ...submitted, eventId: anEventId(99), occurredAt: minutesLater(3) }]);

      expect(before).toMatchObject({ letters: 1, lettersNotCounted: 1 });
      expect(await checkAnalytics(db.sql)).toEqual({ letters: 1, lettersNotCounted: 0, differences: [] });
      expect(await createAnalyticsStore(db.sql, { childPseudonym: testChildPseudonym, minChildren: 1 }).topToys({ limit: 10 })).toEqual([{ toy: 'ball', quantity: 2, letters: 1 }]);
    });

    it('stops at its deadline and continues where it is run again', async () => {
      const store = createAnalyticsStore(db.sql, { childPseudonym: testChildPseudonym, minChildren: 1 });
      await store.apply(toEvents(Array.from({ length: 10 }, (_, i) => ({ type: 'LetterSubmitted' as const, letter: i + 1, minute: 0, child: CHILDREN[0]!, toys: [{ name: 'Kite', quantity: 1 }] }))));
      await db.sql`UPDATE letters SET aggregated = false`;
      let ticks = 0;

      const first = await backfillAnalytics(db.sql, { batchSize: 3, deadline: 2, now: () => ticks++ });
      const second = await backfillAnalytics(db.sql, { batchSize: 3 });

      expect(first).toEqual({ counted: 6, done: false });
      expect(second).toEqual({ counted: 4, done: true });
      expect(await checkAnalytics(db.sql)).toMatchObject({ lettersNotCounted: 0, differences: [] });
    });
  });
});
