import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createLetterEvent } from '../../shared/domain/events.js';
import { Letter } from '../../shared/domain/letter.js';
import { tickingIdsAndClock, inMemoryLetters } from '../../shared/testing/fakes.js';
import { httpEvent } from '../../shared/testing/http-event.js';
import { letterBody } from '../../shared/testing/letter-bodies.js';
import { listChildLetters } from './list-child-letters.js';

const route = '/children/{childId}/letters';
const request = (query?: Record<string, string>, childId = 'lotta-2019') =>
  httpEvent({ method: 'GET', route, pathParameters: { childId }, ...(query ? { query } : {}) });
const bodyOf = (response: unknown) => JSON.parse((response as { body: string }).body);

const withThreeLetters = async () => {
  const letters = inMemoryLetters();
  const ids = tickingIdsAndClock();
  const letter = v.parse(Letter, letterBody());
  for (const n of [1, 2, 3]) {
    await letters.apply([
      createLetterEvent({ type: 'LetterSubmitted', letterId: `00000000-0000-4000-8000-00000000000${n}`, letter, correlationId: 'c' }, ids),
    ]);
  }
  return letters;
};

describe('listChildLetters', () => {
  it('answers the newest letters first, a page at a time, with a cursor to the next page', async () => {
    const handler = listChildLetters({ letters: await withThreeLetters() });

    const first = bodyOf(await handler(request({ limit: '2' })));
    const second = bodyOf(await handler(request({ limit: '2', cursor: first.nextCursor })));

    expect(first.items.map((l: { letterId: string }) => l.letterId.slice(-1))).toEqual(['3', '2']);
    expect(second).toEqual({ items: [expect.objectContaining({ letterId: '00000000-0000-4000-8000-000000000001' })], nextCursor: null });
  });

  it('answers an empty page for a child without letters', async () => {
    const response = await listChildLetters({ letters: await withThreeLetters() })(request(undefined, 'nobody'));

    expect(bodyOf(response)).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: '101' }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ cursor: 'not-a-cursor' }, 'cursor'],
  ])('answers 400 for the query %j', async (query, path) => {
    const handler = listChildLetters({ letters: await withThreeLetters() });

    const error = await handler(request(query)).catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path })] });
  });

  it('answers 400 for a malformed child id', async () => {
    const error = await listChildLetters({ letters: inMemoryLetters() })(request({}, 'a b')).catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 400, details: [expect.objectContaining({ path: 'childId' })] });
  });
});
