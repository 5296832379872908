import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkAnalytics } from '../../shared/adapters/analytics-check.js';
import { createAnalyticsStore } from '../../shared/adapters/analytics-store.js';
import { runMigrations } from '../../shared/adapters/migrations.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { testChildPseudonym } from '../../shared/testing/child-pseudonyms.js';
import { lambdaContext } from '../../shared/testing/lambda-context.js';
import { aChild, aLetter, aLetterId, anErasure, anEvent, anEventId, minutesLater } from '../../shared/testing/letters.js';
import { startTestDatabase, type TestDatabase } from '../../shared/testing/postgres.js';
import { purgeExpired } from './purge-expired.js';

const DAY = 24 * 60 * 60 * 1000;
const start = new Date(minutesLater(0));
const at = (days: number) => new Date(start.getTime() + days * DAY);

const submitted = (n: number, childId: string, occurredAt = minutesLater(n)) =>
  anEvent('LetterSubmitted', { letterId: aLetterId(n), eventId: anEventId(n), occurredAt, letter: aLetter({ child: aChild({ id: childId }), toys: [{ name: 'Kite', quantity: n }] }) });

describe('purge-expired', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startTestDatabase();
    await runMigrations(db.sql);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await db.stop();
  });

  it('deletes rows and tombstones RETENTION_DAYS after their events, keeping the aggregates exact', async () => {
    // Events of day 0 and day 10, kept 30 days; the day-0 events are applied again on day 20 (a replay), which extends nothing.
    const writer = createAnalyticsStore(db.sql, { childPseudonym: testChildPseudonym, retentionDays: 30 });
    const dayZero = [submitted(1, 'lotta'), submitted(2, 'nils'), anErasure({ childId: 'ada', occurredAt: minutesLater(0) })];
    await writer.apply(dayZero);
    await writer.apply([submitted(3, 'ada', at(10).toISOString())]);
    await writer.apply(dayZero);
    const logger = createLogger('purge-expired', 'SILENT');
    const info = vi.spyOn(logger, 'info');

    const early = await purgeExpired({ sql: db.sql, now: () => at(29), logger })();
    const due = await purgeExpired({ sql: db.sql, now: () => new Date(at(30).getTime() + 5 * 60_000), logger })();
    // Every group shown: a model of three letters.
    const store = createAnalyticsStore(db.sql, { childPseudonym: testChildPseudonym, minChildren: 1 });

    expect(early).toEqual({ purged: 0 });
    // Letters 1 and 2, the children they named, and ada's child tombstone.
    expect(due).toEqual({ purged: 5 });
    expect(await db.sql`SELECT letter_id FROM letters`).toEqual([{ letter_id: aLetterId(3) }]);
    expect(await db.sql`SELECT count(*)::int AS n FROM analytics_child_tombstones`).toEqual([{ n: 0 }]);
    expect(await store.topToys({ limit: 10 })).toEqual([{ toy: 'kite', quantity: 3, letters: 1 }]);
    expect((await store.summary()).children).toBe(1);
    expect(await checkAnalytics(db.sql)).toMatchObject({ lettersNotCounted: 0, differences: [] });
    // Counts only: no id, name or message reaches the log.
    expect(info.mock.calls).toEqual([['purged expired analytics rows', { purged: 0 }], ['purged expired analytics rows', { purged: 5 }]]);
  });

  it('runs as a Lambda handler with DATABASE_URL and answers { purged }', async () => {
    vi.stubEnv('DATABASE_URL', db.url);
    vi.stubEnv('LOG_LEVEL', 'SILENT');
    const { handler } = await import('./index.js');

    expect(await handler({}, lambdaContext('purge-expired'))).toEqual({ purged: 0 });
  });
});
