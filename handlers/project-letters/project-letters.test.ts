import { describe, expect, it } from 'vitest';
import { createLetterEvent, type LetterEvent } from '../../shared/domain/events.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { sqsHandler } from '../../shared/http/middleware.js';
import { failingProjection, tickingIdsAndClock, inMemoryLetters } from '../../shared/testing/fakes.js';
import { lambdaContext } from '../../shared/testing/lambda-context.js';
import { sqsEvent } from '../../shared/testing/sqs-event.js';
import { projectLetters } from './project-letters.js';

const logger = createLogger('project-letters', 'SILENT');
const ids = tickingIdsAndClock();
const letterId = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;
const withdrawal = (n: number): LetterEvent => createLetterEvent({ type: 'LetterWithdrawn', letterId: letterId(n), ownerId: 'family-1', correlationId: `c${n}` }, ids);

describe('projectLetters', () => {
  it('applies a whole batch and reports no failures', async () => {
    const letters = inMemoryLetters();
    const events = [withdrawal(1), withdrawal(2)];

    const response = await projectLetters({ letters, logger })(sqsEvent(events));

    expect(response).toEqual({ batchItemFailures: [] });
    expect([...letters.states.keys()]).toEqual([letterId(1), letterId(2)]);
  });

  it('fails only the records that are not letter events, and applies their neighbours', async () => {
    const letters = inMemoryLetters();
    const unknownVersion = { ...withdrawal(3), schemaVersion: 3 };
    const unknownType = { ...withdrawal(4), type: 'LetterBurned' };

    const response = await projectLetters({ letters, logger })(
      sqsEvent([withdrawal(1), 'not json', JSON.stringify(unknownVersion), JSON.stringify(unknownType), '{}', withdrawal(2)]),
    );

    expect(response).toEqual({ batchItemFailures: ['msg-1', 'msg-2', 'msg-3', 'msg-4'].map((itemIdentifier) => ({ itemIdentifier })) });
    expect([...letters.states.keys()]).toEqual([letterId(1), letterId(2)]);
  });

  it('retries one by one when the batch write fails, so only the failing record is reported', async () => {
    const poison = withdrawal(2);
    const letters = failingProjection((event) => event.eventId === poison.eventId);

    const response = await projectLetters({ letters, logger })(sqsEvent([withdrawal(1), poison, withdrawal(3)]));

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-1' }] });
    expect(letters.applied.map((event) => event.letterId)).toEqual([letterId(1), letterId(3)]);
  });

  it('goes through Middy and answers the batch response', async () => {
    const handler = sqsHandler(logger, projectLetters({ letters: inMemoryLetters(), logger }));

    const response = await handler(sqsEvent(['oops']), lambdaContext('project-letters'));

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-0' }] });
  });
});
