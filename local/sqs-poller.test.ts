import type { Message } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { succeededMessages, toSqsRecord } from './sqs-poller.js';

const messages: Message[] = ['a', 'b', 'c'].map((id) => ({ MessageId: id, ReceiptHandle: `r-${id}`, Body: '{}' }));
const ids = (list: Message[]) => list.map((m) => m.MessageId);

describe('succeededMessages', () => {
  it('counts every message as done when the invocation reports no failures', () => {
    expect(ids(succeededMessages(messages, { response: { batchItemFailures: [] } }))).toEqual(['a', 'b', 'c']);
    expect(ids(succeededMessages(messages, { response: undefined }))).toEqual(['a', 'b', 'c']);
  });

  it('keeps the reported failures for a retry and deletes the rest', () => {
    expect(ids(succeededMessages(messages, { response: { batchItemFailures: [{ itemIdentifier: 'b' }] } }))).toEqual(['a', 'c']);
  });

  it('retries the whole batch when the invocation throws, or names a message not in the batch', () => {
    expect(succeededMessages(messages, { error: new Error('boom') })).toEqual([]);
    expect(succeededMessages(messages, { response: { batchItemFailures: [{ itemIdentifier: 'zzz' }] } })).toEqual([]);
    expect(succeededMessages(messages, { response: { batchItemFailures: [{ itemIdentifier: '' }] } })).toEqual([]);
  });
});

describe('toSqsRecord', () => {
  it("shapes a received message like Lambda's SQS event record", () => {
    const record = toSqsRecord(
      {
        MessageId: 'm-1',
        ReceiptHandle: 'r-1',
        Body: '{"type":"LetterWithdrawn"}',
        MD5OfBody: 'md5',
        Attributes: { ApproximateReceiveCount: '3', SentTimestamp: '1', SenderId: 's', ApproximateFirstReceiveTimestamp: '2' },
        MessageAttributes: { type: { DataType: 'String', StringValue: 'LetterWithdrawn' } },
      },
      'arn:aws:sqs:eu-north-1:000000000000:letters-view',
      'eu-north-1',
    );

    expect(record).toEqual({
      messageId: 'm-1',
      receiptHandle: 'r-1',
      body: '{"type":"LetterWithdrawn"}',
      attributes: { ApproximateReceiveCount: '3', SentTimestamp: '1', SenderId: 's', ApproximateFirstReceiveTimestamp: '2' },
      messageAttributes: { type: { dataType: 'String', stringValue: 'LetterWithdrawn', stringListValues: [], binaryListValues: [] } },
      md5OfBody: 'md5',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-north-1:000000000000:letters-view',
      awsRegion: 'eu-north-1',
    });
  });
});
