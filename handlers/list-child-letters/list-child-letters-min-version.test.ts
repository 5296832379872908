import { describe, expect, it } from 'vitest';
import type { LetterEvent } from '../../shared/domain/events.js';
import type { LetterObserver } from '../../shared/domain/observation-ports.js';
import { encodeWriteVersion, writeVersionOf } from '../../shared/domain/write-version.js';
import { inMemoryLetters } from '../../shared/testing/fakes.js';
import { httpEvent } from '../../shared/testing/http-event.js';
import { aLetterId, anErasure, anEvent, anEventId, minutesLater } from '../../shared/testing/letters.js';
import { listChildLetters } from './list-child-letters.js';

const noWait = { clock: { now: () => 0, sleep: async () => undefined } };
const request = (headers: Record<string, string>, childId = 'lotta-2019') =>
  httpEvent({ method: 'GET', route: '/children/{childId}/letters', pathParameters: { childId }, headers });
const bodyOf = (response: unknown) => JSON.parse((response as { body: string }).body);
const tokenOf = (event: LetterEvent) => encodeWriteVersion(writeVersionOf(event));
const submitted = (n: number, minute: number) => anEvent('LetterSubmitted', { letterId: aLetterId(n), eventId: anEventId(n), occurredAt: minutesLater(minute) });
const erasure = anErasure({ occurredAt: minutesLater(5), eventId: anEventId(9) });

/** The letters view with `seen`, which projects `arriving` on its `onRead`th page read. */
const lettersProjectingOn = async (onRead: number, arriving: LetterEvent[], seen: LetterEvent[]) => {
  const letters = inMemoryLetters();
  await letters.apply(seen);
  let pages = 0;
  const observer: LetterObserver & { pages: () => number } = {
    pages: () => pages,
    observe: letters.observe,
    observeChild: async (...args) => {
      if (++pages === onRead) await letters.apply(arriving);
      return letters.observeChild(...args);
    },
  };
  return observer;
};

describe('listChildLetters with Min-Version', () => {
  it("waits until the page no longer lists the letters the child's erasure removes", async () => {
    const letters = await lettersProjectingOn(3, [erasure], [submitted(1, 0), submitted(2, 1)]);

    const response = await listChildLetters({ letters, wait: noWait })(request({ 'min-version': tokenOf(erasure) }));

    expect(bodyOf(response)).toEqual({ items: [], nextCursor: null });
    expect(letters.pages()).toBe(3);
  });

  it('waits until the page lists a letter just sent', async () => {
    const letters = await lettersProjectingOn(2, [submitted(2, 1)], [submitted(1, 0)]);

    const response = await listChildLetters({ letters, wait: noWait })(request({ 'min-version': tokenOf(submitted(2, 1)) }));

    expect(bodyOf(response).items.map((item: { letterId: string }) => item.letterId)).toEqual([aLetterId(2), aLetterId(1)]);
  });

  it("answers 412 after the wait for a version the page never includes, and 400 for another child's erasure", async () => {
    const letters = await lettersProjectingOn(99, [], [submitted(1, 0)]);
    const handler = listChildLetters({ letters, wait: noWait });

    const late = await handler(request({ 'min-version': tokenOf(erasure), prefer: 'wait=0' })).catch((e: unknown) => e);
    const elsewhere = await handler(request({ 'min-version': tokenOf(erasure) }, 'emil-2018')).catch((e: unknown) => e);

    expect(late).toMatchObject({ statusCode: 412, code: 'NOT_YET_PROJECTED', headers: { 'retry-after': '1', 'preference-applied': 'wait=0' } });
    expect(elsewhere).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [{ path: 'Min-Version', message: "Min-Version names another child's erasure" }] });
  });
});
