import { describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/lambda/logger.js';
import { sqsHandler } from '../../shared/http/middleware.js';
import { failingProjection } from '../../shared/testing/fakes.js';
import { lambdaContext } from '../../shared/testing/lambda-context.js';
import { aLetterId, anEvent, anEventId } from '../../shared/testing/letters.js';
import { sqsEvent } from '../../shared/testing/sqs-event.js';
import { projectAnalytics } from './project-analytics.js';

const logger = createLogger('project-analytics', 'SILENT');
const event = (n: number) => anEvent('LetterSubmitted', { letterId: aLetterId(n), eventId: anEventId(n) });

describe('projectAnalytics', () => {
  it('hands the whole batch to the analytics store in one call', async () => {
    const calls: number[] = [];
    const analytics = { apply: async (events: unknown[]) => void calls.push(events.length) };

    const response = await projectAnalytics({ analytics, logger })(sqsEvent([event(1), event(2), event(3)]));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(calls).toEqual([3]);
  });

  it('reports only the record the database refuses, through Middy, after retrying the batch one by one', async () => {
    const analytics = failingProjection((e) => e.letterId === aLetterId(2));
    const handler = sqsHandler(logger, projectAnalytics({ analytics, logger }));

    const response = await handler(sqsEvent([event(1), event(2), event(3)]), lambdaContext('project-analytics'));

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-1' }] });
    expect(analytics.applied.map((e) => e.letterId)).toEqual([aLetterId(1), aLetterId(3)]);
  });
});
