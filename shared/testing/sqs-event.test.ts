import { describe, expect, it } from 'vitest';
import { anEvent } from './letters.js';
import { sqsRecord, toSqsRecord } from './sqs-event.js';

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

describe('sqsRecord', () => {
  it('carries an event as its body with the attributes SNS delivery sets', () => {
    const event = anEvent('LetterWithdrawn');

    const record = sqsRecord(event, 2, 4);

    expect(record).toMatchObject({ messageId: 'msg-2', body: JSON.stringify(event), attributes: { ApproximateReceiveCount: '4' } });
    expect(record.messageAttributes).toEqual({
      type: { dataType: 'String', stringValue: 'LetterWithdrawn', stringListValues: [], binaryListValues: [] },
      schemaVersion: { dataType: 'Number', stringValue: String(event.schemaVersion), stringListValues: [], binaryListValues: [] },
      correlationId: { dataType: 'String', stringValue: event.correlationId, stringListValues: [], binaryListValues: [] },
    });
  });
});
