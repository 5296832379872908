import { describe, expect, it } from 'vitest';
import { createLetterEvent } from '../../shared/domain/events.js';
import * as v from 'valibot';
import { Letter } from '../../shared/domain/letter.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { httpHandler } from '../../shared/http/middleware.js';
import { tickingIdsAndClock, inMemoryLetters } from '../../shared/testing/fakes.js';
import { httpEvent } from '../../shared/testing/http-event.js';
import { lambdaContext } from '../../shared/testing/lambda-context.js';
import { letterBody } from '../../shared/testing/letter-bodies.js';
import { getLetter } from './get-letter.js';

const letterId = '3f0a2c1e-8d4b-4f6a-9c2e-1b7d5e9f0a11';
const route = '/letters/{letterId}';
const ids = tickingIdsAndClock();

describe('getLetter', () => {
  it('answers 200 with the letter as projected', async () => {
    const letters = inMemoryLetters();
    const letter = v.parse(Letter, letterBody());
    await letters.apply([createLetterEvent({ type: 'LetterSubmitted', letterId, letter, correlationId: 'c' }, ids)]);

    const response = await getLetter({ letters })(httpEvent({ method: 'GET', route, pathParameters: { letterId } }));

    expect(response).toMatchObject({ statusCode: 200 });
    expect(JSON.parse((response as { body: string }).body)).toEqual({
      letterId,
      child: { id: 'lotta-2019', name: 'Lotta', age: 7, country: 'SE' },
      toys: letter.toys,
      message: letter.message,
      status: 'active',
      submittedAt: '2026-12-01T08:00:00.000Z',
      updatedAt: '2026-12-01T08:00:00.000Z',
    });
  });

  it('answers 404 NOT_FOUND through Middy until the letter is projected', async () => {
    const handler = httpHandler(createLogger('get-letter', 'SILENT'), getLetter({ letters: inMemoryLetters() }));

    const response = await handler(httpEvent({ method: 'GET', route, pathParameters: { letterId } }), lambdaContext('get-letter'));

    expect(response).toMatchObject({ statusCode: 404 });
    expect(JSON.parse((response as { body: string }).body)).toEqual({
      error: { code: 'NOT_FOUND', message: `letter ${letterId} is not known (yet)` },
    });
  });

  it('answers 400 for a malformed letter id without reading', async () => {
    const reads: string[] = [];
    const handler = getLetter({ letters: { get: async (id) => void reads.push(id) } });

    const error = await handler(httpEvent({ method: 'GET', route, pathParameters: { letterId: 'x' } })).catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(reads).toEqual([]);
  });
});
