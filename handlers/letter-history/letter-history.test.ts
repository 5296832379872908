import { describe, expect, it } from 'vitest';
import { createLetterEvent } from '../../shared/domain/events.js';
import { tickingIdsAndClock, inMemoryEventLog } from '../../shared/testing/fakes.js';
import { httpEvent } from '../../shared/testing/http-event.js';
import { letterHistory } from './letter-history.js';

const letterId = '3f0a2c1e-8d4b-4f6a-9c2e-1b7d5e9f0a11';
const request = () => httpEvent({ method: 'GET', route: '/letters/{letterId}/history', pathParameters: { letterId } });

describe('letterHistory', () => {
  it("answers 200 with the letter's events oldest first", async () => {
    const eventLog = inMemoryEventLog();
    const ids = tickingIdsAndClock();
    const withdrawn = createLetterEvent({ type: 'LetterWithdrawn', letterId, correlationId: 'c' }, ids);
    const later = createLetterEvent({ type: 'LetterWithdrawn', letterId, correlationId: 'c' }, ids);
    await eventLog.apply([later, withdrawn]);

    const response = await letterHistory({ eventLog })(request());

    expect(response).toMatchObject({ statusCode: 200 });
    expect(JSON.parse((response as { body: string }).body)).toEqual({ items: [withdrawn, later] });
  });

  it('answers 404 while no event of the letter is recorded', async () => {
    const error = await letterHistory({ eventLog: inMemoryEventLog() })(request()).catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });
});
