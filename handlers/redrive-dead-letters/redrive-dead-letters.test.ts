import { GetQueueAttributesCommand, SQSClient, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { redriveByMoveTask } from '../../shared/adapters/dead-letters.js';
import type { ProjectionQueue, RedriveDeadLetters } from '../../shared/domain/pipeline.js';
import { httpEvent } from '../../shared/testing/http-event.js';
import { lambdaContext } from '../../shared/testing/lambda-context.js';
import { httpHandler } from '../../shared/http/middleware.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { redriveDeadLetters } from './redrive-dead-letters.js';

const QUEUE_URL = 'https://sqs.eu-north-1.amazonaws.com/123456789012/santa-letters-analytics';
const ANALYTICS: ProjectionQueue = { name: 'letters-analytics', url: QUEUE_URL, dlqUrl: `${QUEUE_URL}-dlq`, metricsService: 'santa-project-analytics' };
const arnOf = (url: string) => `arn:aws:sqs:eu-north-1:123456789012:${url.split('/').at(-1)}`;

const post = (projection: string) => httpEvent({ method: 'POST', route: '/operations/queues/{projection}/redrive', pathParameters: { projection } });

describe('redriveDeadLetters', () => {
  const sqs = mockClient(SQSClient);
  beforeEach(() => {
    sqs.reset();
    sqs.on(GetQueueAttributesCommand).callsFake(({ QueueUrl }: { QueueUrl: string }) => ({ Attributes: { QueueArn: arnOf(QueueUrl) } }));
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'task-1' });
  });

  it("starts SQS' move task from the DLQ back to its queue on AWS, and answers 202 with its handle", async () => {
    const handler = redriveDeadLetters({ queues: [ANALYTICS], redrive: redriveByMoveTask(new SQSClient({ region: 'eu-north-1' })) });

    const response = await handler(post('letters-analytics'));

    expect(response).toMatchObject({ statusCode: 202 });
    expect(JSON.parse((response as { body: string }).body)).toEqual({ projection: 'letters-analytics', status: 'started', moved: null, skipped: 0, taskHandle: 'task-1' });
    expect(sqs.commandCalls(StartMessageMoveTaskCommand).map((call) => call.args[0].input)).toEqual([
      { SourceArn: arnOf(`${QUEUE_URL}-dlq`), DestinationArn: arnOf(QUEUE_URL) },
    ]);
  });

  it.each([
    ['an unknown projection', 'letters-nowhere', 404],
    ['a malformed one', '../letters-view', 400],
  ])('answers %s with a 4xx and moves nothing', async (_, projection, status) => {
    const redriven: string[] = [];
    const redrive: RedriveDeadLetters = async (queue) => (redriven.push(queue.name), { status: 'completed', moved: 0, skipped: 0, taskHandle: null });

    const handler = httpHandler(createLogger('redrive-dead-letters', 'SILENT'), redriveDeadLetters({ queues: [ANALYTICS], redrive }));

    const response = await handler(post(projection), lambdaContext());

    expect(response).toMatchObject({ statusCode: status });
    expect(redriven).toEqual([]);
  });
});
