import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAnalyticsStore } from '../shared/adapters/analytics-store.js';
import { runMigrations } from '../shared/adapters/migrations.js';
import { testChildPseudonym } from '../shared/testing/child-pseudonyms.js';
import { httpEvent } from '../shared/testing/http-event.js';
import { lambdaContext } from '../shared/testing/lambda-context.js';
import { aChild, aLetter, aLetterIdOf, anErasure, anEvent, anEventId, minutesLater } from '../shared/testing/letters.js';
import { startTestDatabase, type TestDatabase } from '../shared/testing/postgres.js';

// Small groups stay hidden (DESIGN.md, Queries): the analytics functions as deployed, with the
// default ANALYTICS_MIN_CHILDREN of 5, in front of what the projector wrote.
type Handler = (event: unknown, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;

let nextEventId = 1;
/** A family's letter for its child in Iceland asking for an insulin pump cover (a toy name only this child would write). */
const aLetterFrom = (family: number, { childId = 'anna', toy = 'Insulin pump cover for Anna', minute = 0 } = {}) =>
  anEvent('LetterSubmitted', {
    ownerId: `family-${family}`,
    letterId: aLetterIdOf(`family-${family}`, nextEventId),
    eventId: anEventId(nextEventId++),
    occurredAt: minutesLater(minute),
    letter: aLetter({ child: aChild({ id: childId, country: 'IS' }), toys: [{ name: toy, quantity: 1 }] }),
  });

describe('small groups in the analytics answers', () => {
  let db: TestDatabase;
  let topToys: Handler;
  let summary: Handler;
  beforeAll(async () => {
    db = await startTestDatabase();
    await runMigrations(db.sql);
    vi.stubEnv('DATABASE_URL', db.url);
    vi.stubEnv('LOG_LEVEL', 'SILENT');
    topToys = (await import('./top-toys/index.js')).handler as unknown as Handler;
    summary = (await import('./analytics-summary/index.js')).handler as unknown as Handler;
  });
  beforeEach(async () => {
    await db.sql`TRUNCATE letters, analytics_letter_children, analytics_child_tombstones, analytics_letter_tombstones`;
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await db.stop();
  });

  const project = (...events: Parameters<ReturnType<typeof createAnalyticsStore>['apply']>[0]) =>
    createAnalyticsStore(db.sql, { childPseudonym: testChildPseudonym }).apply(events);
  const answer = async (handler: Handler, query?: Record<string, string>) => {
    const route = handler === topToys ? '/analytics/toys/top' : '/analytics/summary';
    const response = await handler(httpEvent({ method: 'GET', route, ...(query ? { query } : {}) }), lambdaContext('analytics'));
    expect(response.statusCode).toBe(200);
    return JSON.parse(String(response.body)) as unknown;
  };
  const visible = async () => ({
    top: await answer(topToys),
    iceland: await answer(topToys, { country: 'IS' }),
    countries: ((await answer(summary)) as { countries: unknown[] }).countries,
  });
  const shown = {
    top: { items: [{ toy: 'insulin pump cover for anna', quantity: 5, letters: 5 }] },
    iceland: { items: [{ toy: 'insulin pump cover for anna', quantity: 5, letters: 5 }] },
    countries: [{ country: 'IS', letters: 5, quantity: 5 }],
  };
  const hidden = { top: { items: [] }, iceland: { items: [] }, countries: [] };

  it("hides a lone letter's toy and country, but counts it in the totals", async () => {
    await project(aLetterFrom(1));

    expect(await visible()).toEqual(hidden);
    expect(await answer(summary)).toEqual({ letters: { active: 1, withdrawn: 0 }, children: 1, toys: { distinct: 1, quantity: 1 }, countries: [] });
  });

  it('shows them once five distinct children share them, however many letters fewer children send', async () => {
    // Four children (one writes three letters, one child id is another family's too) are not five.
    await project(aLetterFrom(1), aLetterFrom(1, { minute: 1 }), aLetterFrom(1, { minute: 2 }), aLetterFrom(2), aLetterFrom(3), aLetterFrom(4, { childId: 'björn' }));
    const four = await visible();
    await project(aLetterFrom(5));

    expect(four).toEqual(hidden);
    expect(await visible()).toEqual({
      top: { items: [{ toy: 'insulin pump cover for anna', quantity: 7, letters: 7 }] },
      iceland: { items: [{ toy: 'insulin pump cover for anna', quantity: 7, letters: 7 }] },
      countries: [{ country: 'IS', letters: 7, quantity: 7 }],
    });
  });

  it('hides them again when an erasure or a withdrawal leaves fewer than five children', async () => {
    const letters = [1, 2, 3, 4, 5].map((family) => aLetterFrom(family));
    await project(...letters);
    const five = await visible();

    await project(anErasure({ ownerId: 'family-1', childId: 'anna', occurredAt: minutesLater(5) }));
    const afterErasure = await visible();
    await project(aLetterFrom(6));
    const sixthChild = await visible();
    await project(anEvent('LetterWithdrawn', { ownerId: 'family-2', letterId: letters[1]!.letterId, eventId: anEventId(nextEventId++), occurredAt: minutesLater(6) }));

    expect(five).toEqual(shown);
    expect(afterErasure).toEqual(hidden);
    expect(sixthChild).toEqual(shown);
    expect(await visible()).toEqual(hidden);
    expect(await answer(summary)).toMatchObject({ letters: { active: 4, withdrawn: 1 }, children: 4, countries: [] });
  });

  it('fails the cold start on a bad ANALYTICS_MIN_CHILDREN, naming it', async () => {
    vi.resetModules();
    vi.stubEnv('ANALYTICS_MIN_CHILDREN', '0');

    await expect(import('./top-toys/index.js')).rejects.toThrow(/ANALYTICS_MIN_CHILDREN must be a whole number of children from 1 to 1000/u);
    await expect(import('./analytics-summary/index.js')).rejects.toThrow(/ANALYTICS_MIN_CHILDREN must be a whole number of children from 1 to 1000/u);
  });

  it('shows every group with ANALYTICS_MIN_CHILDREN=1', async () => {
    vi.resetModules();
    vi.stubEnv('ANALYTICS_MIN_CHILDREN', '1');
    const everything = (await import('./top-toys/index.js')).handler as unknown as Handler;
    await project(aLetterFrom(1));

    const response = await everything(httpEvent({ method: 'GET', route: '/analytics/toys/top' }), lambdaContext('top-toys'));

    expect(JSON.parse(String(response.body))).toEqual({ items: [{ toy: 'insulin pump cover for anna', quantity: 1, letters: 1 }] });
  });
});
