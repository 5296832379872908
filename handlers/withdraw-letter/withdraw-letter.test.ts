import { describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/lambda/logger.js';
import { httpHandler } from '../../shared/http/middleware.js';
import { tickingIdsAndClock, recordingPublisher } from '../../shared/testing/fakes.js';
import { httpEvent } from '../../shared/testing/http-event.js';
import { lambdaContext } from '../../shared/testing/lambda-context.js';
import { withdrawLetter } from './withdraw-letter.js';

const letterId = '3f0a2c1e-8d4b-4f6a-9c2e-1b7d5e9f0a11';
const route = '/letters/{letterId}';

describe('withdrawLetter', () => {
  it('answers 202 and publishes LetterWithdrawn carrying the letter id', async () => {
    const { publish, published } = recordingPublisher();
    const handler = withdrawLetter({ publish, idsAndClock: tickingIdsAndClock() });

    const response = await handler(httpEvent({ method: 'DELETE', route, pathParameters: { letterId }, requestId: 'req-7' }));

    expect(response).toMatchObject({ statusCode: 202, body: JSON.stringify({ letterId, status: 'accepted' }) });
    expect(published).toEqual([
      {
        eventId: '00000000-0000-4000-8000-000000000001',
        type: 'LetterWithdrawn',
        schemaVersion: 1,
        letterId,
        occurredAt: '2026-12-01T08:00:00.000Z',
        correlationId: 'req-7',
        data: { letterId },
      },
    ]);
  });

  it('answers 400 through Middy for a malformed letter id and publishes nothing', async () => {
    const { publish, published } = recordingPublisher();
    const handler = httpHandler(createLogger('withdraw-letter', 'SILENT'), withdrawLetter({ publish, idsAndClock: tickingIdsAndClock() }));

    const response = await handler(
      httpEvent({ method: 'DELETE', route, pathParameters: { letterId: '../../etc' } }),
      lambdaContext('withdraw-letter'),
    );

    expect(response).toMatchObject({ statusCode: 400 });
    expect(published).toEqual([]);
  });
});
