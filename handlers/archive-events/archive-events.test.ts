import { describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/lambda/logger.js';
import { sqsHandler } from '../../shared/http/middleware.js';
import { inMemoryEventLog } from '../../shared/testing/fakes.js';
import { lambdaContext } from '../../shared/testing/lambda-context.js';
import { aLetterId, anEvent, anEventId, minutesLater } from '../../shared/testing/letters.js';
import { sqsEvent } from '../../shared/testing/sqs-event.js';
import { archiveEvents } from './archive-events.js';

const logger = createLogger('archive-events', 'SILENT');

describe('archiveEvents', () => {
  it('stores each event of the batch once, however often it is delivered', async () => {
    const eventLog = inMemoryEventLog();
    const submitted = anEvent('LetterSubmitted', { letterId: aLetterId(1), eventId: anEventId(1) });
    const withdrawn = anEvent('LetterWithdrawn', { letterId: aLetterId(1), eventId: anEventId(2), occurredAt: minutesLater(5) });

    const response = await archiveEvents({ eventLog, logger })(sqsEvent([withdrawn, submitted, withdrawn]));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(await eventLog.history(aLetterId(1))).toEqual([submitted, withdrawn]);
  });

  it('fails a record that is not a letter event through Middy, and archives its neighbours', async () => {
    const eventLog = inMemoryEventLog();
    const handler = sqsHandler(logger, archiveEvents({ eventLog, logger }));

    const response = await handler(sqsEvent([anEvent('LetterWithdrawn'), '{"type":"LetterSubmitted"}']), lambdaContext('archive-events'));

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-1' }] });
    expect(eventLog.events.size).toBe(1);
  });
});
