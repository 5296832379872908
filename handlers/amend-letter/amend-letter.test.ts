import { describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/lambda/logger.js';
import { jsonHttpHandler } from '../../shared/http/middleware.js';
import { tickingIdsAndClock, recordingPublisher } from '../../shared/testing/fakes.js';
import { httpEvent, parsedHttpEvent } from '../../shared/testing/http-event.js';
import { lambdaContext } from '../../shared/testing/lambda-context.js';
import { letterBody } from '../../shared/testing/letter-bodies.js';
import { amendLetter } from './amend-letter.js';

const letterId = '3f0a2c1e-8d4b-4f6a-9c2e-1b7d5e9f0a11';
const route = '/letters/{letterId}';

describe('amendLetter', () => {
  it('answers 202 and publishes LetterAmended carrying the whole new letter', async () => {
    const { publish, published } = recordingPublisher();
    const handler = amendLetter({ publish, idsAndClock: tickingIdsAndClock() });

    const response = await handler(
      parsedHttpEvent({ method: 'PUT', route, pathParameters: { letterId }, body: letterBody({ toys: [{ name: 'Kite', quantity: 3 }] }) }),
    );

    expect(response).toMatchObject({ statusCode: 202, headers: { location: `/letters/${letterId}` } });
    expect(published).toEqual([
      expect.objectContaining({ type: 'LetterAmended', letterId, data: expect.objectContaining({ toys: [{ name: 'Kite', quantity: 3 }] }) }),
    ]);
  });

  it.each([['not-a-uuid'], ['3F0A2C1E-8D4B-4F6A-9C2E-1B7D5E9F0A11'], ['']])(
    'answers 400 for the letter id %j and publishes nothing',
    async (badId) => {
      const { publish, published } = recordingPublisher();
      const handler = amendLetter({ publish, idsAndClock: tickingIdsAndClock() });

      const error = await handler(parsedHttpEvent({ method: 'PUT', route, pathParameters: { letterId: badId }, body: letterBody() })).catch(
        (e: unknown) => e,
      );

      expect(error).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: 'letterId' })] });
      expect(published).toEqual([]);
    },
  );

  it('answers 400 through Middy for an invalid letter and publishes nothing', async () => {
    const { publish, published } = recordingPublisher();
    const handler = jsonHttpHandler(createLogger('amend-letter', 'SILENT'), amendLetter({ publish, idsAndClock: tickingIdsAndClock() }));

    const response = await handler(
      httpEvent({ method: 'PUT', route, pathParameters: { letterId }, body: letterBody({ child: {} }) }),
      lambdaContext('amend-letter'),
    );

    expect(response).toMatchObject({ statusCode: 400 });
    expect(JSON.parse((response as { body: string }).body).error.code).toBe('VALIDATION_FAILED');
    expect(published).toEqual([]);
  });
});
