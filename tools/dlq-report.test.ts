import { GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, describe, expect, it } from 'vitest';
import { anEvent } from '../shared/testing/letters.js';
import { dlqReport } from './dlq-report.js';
import { awsQueueUrl, awsTestTargets } from './testing/aws-targets.js';

const DEPTH = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'];

describe('dlqReport on AWS', () => {
  const sqs = mockClient(SQSClient);
  afterAll(() => sqs.restore());

  it('reads each DLQ depth and samples a non-empty one with a receive that leaves the messages visible', async () => {
    const event = anEvent('LetterWithdrawn');
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' } });
    sqs.on(GetQueueAttributesCommand, { QueueUrl: awsQueueUrl('letters-view-dlq') }).resolves({ Attributes: { ApproximateNumberOfMessages: '2', ApproximateNumberOfMessagesNotVisible: '0' } });
    sqs.on(ReceiveMessageCommand).resolves({
      Messages: [
        { MessageId: 'm-1', Body: JSON.stringify(event), Attributes: { ApproximateReceiveCount: '6', SentTimestamp: '1795766400000' } },
        { MessageId: 'm-2', Body: 'oops', MessageAttributes: { type: { DataType: 'String', StringValue: 'LetterSubmitted' } }, Attributes: { ApproximateReceiveCount: '5' } },
      ],
    });
    const targets = await awsTestTargets();

    const reports = await dlqReport(targets, { sampleSize: 3 });

    expect(reports).toEqual([
      {
        queue: 'letters-view',
        dlq: 'santas-workshop-letters-view-dlq',
        depth: 2,
        sample: [
          { messageId: 'm-1', type: 'LetterWithdrawn', letterId: event.letterId, receiveCount: 6, sentAt: '2026-11-27T08:00:00.000Z' },
          { messageId: 'm-2', type: 'LetterSubmitted (body not JSON)', letterId: null, receiveCount: 5, sentAt: null },
        ],
      },
      { queue: 'letters-analytics', dlq: 'santas-workshop-letters-analytics-dlq', depth: 0, sample: [] },
      { queue: 'letters-archive', dlq: 'santas-workshop-letters-archive-dlq', depth: 0, sample: [] },
    ]);
    expect(sqs.commandCalls(GetQueueAttributesCommand).map((call) => call.args[0].input)).toEqual(
      ['letters-view', 'letters-analytics', 'letters-archive'].map((name) => ({ QueueUrl: awsQueueUrl(`${name}-dlq`), AttributeNames: DEPTH })),
    );
    expect(sqs.commandCalls(ReceiveMessageCommand).map((call) => call.args[0].input)).toEqual([
      { QueueUrl: awsQueueUrl('letters-view-dlq'), MaxNumberOfMessages: 3, VisibilityTimeout: 0, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'] },
    ]);
    await targets.close();
  });
});
