import { describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/lambda/logger.js';
import { httpHandler } from '../../shared/http/middleware.js';
import { inMemoryLetters } from '../../shared/testing/fakes.js';
import { ANOTHER_FAMILY_CALLER, ELF_CALLER, httpEvent, type Caller } from '../../shared/testing/http-event.js';
import { lambdaContext } from '../../shared/testing/lambda-context.js';
import { aLetter, aLetterId, anEvent, asReceived, aVersion1Event, BASE_TIME } from '../../shared/testing/letters.js';
import { getLetter } from './get-letter.js';

const letterId = aLetterId(1);
const route = '/letters/{letterId}';
const request = (options: { letterId?: string; caller?: Caller } = {}) =>
  httpEvent({ method: 'GET', route, pathParameters: { letterId: options.letterId ?? letterId }, ...(options.caller ? { caller: options.caller } : {}) });
const withOneLetter = async () => {
  const letters = inMemoryLetters();
  await letters.apply([anEvent('LetterSubmitted', { letterId, letter: aLetter() })]);
  return letters;
};

describe('getLetter', () => {
  it('answers 200 with the letter as projected to the family it belongs to', async () => {
    const response = await getLetter({ letters: await withOneLetter() })(request());

    expect(response).toMatchObject({ statusCode: 200 });
    expect(JSON.parse((response as { body: string }).body)).toEqual({
      letterId,
      child: { id: 'lotta-2019', name: 'Lotta', age: 7, country: 'SE' },
      toys: aLetter().toys,
      message: aLetter().message,
      status: 'active',
      submittedAt: BASE_TIME,
      updatedAt: BASE_TIME,
    });
  });

  it('answers an elf any letter, a version 1 letter too', async () => {
    const letters = await withOneLetter();
    await letters.apply([asReceived(aVersion1Event('LetterSubmitted', { letterId: aLetterId(2) }))]);
    const handler = getLetter({ letters });

    const answers = await Promise.all([letterId, aLetterId(2)].map((id) => handler(request({ letterId: id, caller: ELF_CALLER }))));

    expect(answers.map((answer) => (answer as { statusCode: number }).statusCode)).toEqual([200, 200]);
  });

  it.each([
    ["another account's letter", request({ caller: ANOTHER_FAMILY_CALLER })],
    ['a version 1 letter, which belongs to no family', request({ letterId: aLetterId(2) })],
    ['a letter not projected (yet)', request({ letterId: aLetterId(3) })],
  ])('answers 404 NOT_FOUND, in the same words, for %s', async (_, event) => {
    const letters = await withOneLetter();
    await letters.apply([asReceived(aVersion1Event('LetterSubmitted', { letterId: aLetterId(2) }))]);
    const handler = httpHandler(createLogger('get-letter', 'SILENT'), getLetter({ letters }));

    const response = await handler(event, lambdaContext('get-letter'));

    expect(response).toMatchObject({ statusCode: 404 });
    const id = event.pathParameters!.letterId;
    expect(JSON.parse((response as { body: string }).body)).toEqual({ error: { code: 'NOT_FOUND', message: `letter ${id} is not known (yet)` } });
  });

  it('answers 403 Forbidden to a token with neither scope, without reading', async () => {
    const reads: string[] = [];
    const handler = getLetter({ letters: { observe: async (id) => (reads.push(id), { letter: undefined, progress: undefined }) } });

    const response = await handler(request({ caller: { sub: 'someone', scope: 'openid' } }));

    expect(response).toMatchObject({ statusCode: 403, body: '{"message":"Forbidden"}' });
    expect(reads).toEqual([]);
  });

  it('answers 400 for a malformed letter id without reading', async () => {
    const reads: string[] = [];
    const handler = getLetter({ letters: { observe: async (id) => (reads.push(id), { letter: undefined, progress: undefined }) } });

    const error = await handler(request({ letterId: 'x' })).catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(reads).toEqual([]);
  });
});
