import { describe, expect, it } from 'vitest';
import { inMemoryLetters } from '../../shared/testing/fakes.js';
import { ANOTHER_FAMILY_CALLER, ELF_CALLER, httpEvent, type Caller } from '../../shared/testing/http-event.js';
import { aLetterId, aLetterIdOf, ANOTHER_FAMILY, anEvent, anEventId, minutesLater } from '../../shared/testing/letters.js';
import { listChildLetters } from './list-child-letters.js';

const route = '/children/{childId}/letters';
const request = (query?: Record<string, string>, childId = 'lotta-2019', caller?: Caller) =>
  httpEvent({ method: 'GET', route, pathParameters: { childId }, ...(query ? { query } : {}), ...(caller ? { caller } : {}) });
const bodyOf = (response: unknown) => JSON.parse((response as { body: string }).body);
const idsOf = (page: { items: { letterId: string }[] }) => page.items.map((letter) => letter.letterId);

/** Three letters of lotta-2019 in A_FAMILY, and one of another account's child with the same child id. */
const withLetters = async () => {
  const letters = inMemoryLetters();
  for (const n of [1, 2, 3]) await letters.apply([anEvent('LetterSubmitted', { letterId: aLetterId(n), eventId: anEventId(n), occurredAt: minutesLater(n) })]);
  await letters.apply([anEvent('LetterSubmitted', { letterId: aLetterIdOf(ANOTHER_FAMILY, 4), ownerId: ANOTHER_FAMILY, eventId: anEventId(4) })]);
  return letters;
};

describe('listChildLetters', () => {
  it("answers the caller's child's letters newest first, a page at a time, with a cursor to the next page", async () => {
    const handler = listChildLetters({ letters: await withLetters() });

    const first = bodyOf(await handler(request({ limit: '2' })));
    const second = bodyOf(await handler(request({ limit: '2', cursor: first.nextCursor })));

    expect(idsOf(first)).toEqual([aLetterId(3), aLetterId(2)]);
    expect(second).toEqual({ items: [expect.objectContaining({ letterId: aLetterId(1) })], nextCursor: null });
  });

  it('answers each of two accounts with the same child id only its own letters', async () => {
    const handler = listChildLetters({ letters: await withLetters() });

    const other = bodyOf(await handler(request(undefined, 'lotta-2019', ANOTHER_FAMILY_CALLER)));

    expect(other).toEqual({ items: [expect.objectContaining({ letterId: aLetterIdOf(ANOTHER_FAMILY, 4) })], nextCursor: null });
  });

  it('answers an empty page for a child without letters', async () => {
    const response = await listChildLetters({ letters: await withLetters() })(request(undefined, 'nobody'));

    expect(bodyOf(response)).toEqual({ items: [], nextCursor: null });
  });

  it('answers 403 Forbidden to an elf: lists are for families, and nothing is read', async () => {
    const reads: string[] = [];
    const handler = listChildLetters({ letters: { ...inMemoryLetters(), observeChild: async (owner) => (reads.push(owner), { items: [], nextCursor: null, progress: new Map() }) } });

    expect(await handler(request(undefined, 'lotta-2019', ELF_CALLER))).toMatchObject({ statusCode: 403, body: '{"message":"Forbidden"}' });
    expect(reads).toEqual([]);
  });

  it.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: '101' }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ cursor: 'not-a-cursor' }, 'cursor'],
  ])('answers 400 for the query %j', async (query, path) => {
    const handler = listChildLetters({ letters: await withLetters() });

    const error = await handler(request(query)).catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path })] });
  });

  it('answers 400 for a malformed child id', async () => {
    const error = await listChildLetters({ letters: inMemoryLetters() })(request({}, 'a b')).catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 400, details: [expect.objectContaining({ path: 'childId' })] });
  });
});
