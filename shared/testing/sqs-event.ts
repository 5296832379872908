import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import type { LetterEvent } from '../domain/events.js';

const QUEUE_ARN = 'arn:aws:sqs:eu-north-1:123456789012:letters-view';
const REGION = 'eu-north-1';

const toRecordAttributes = (attributes: Record<string, MessageAttributeValue> = {}): SQSMessageAttributes =>
  Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      {
        dataType: value.DataType ?? 'String',
        ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
        stringListValues: [],
        binaryListValues: [],
      },
    ]),
  );

/** Shapes a message as ReceiveMessage answers it into a record as Lambda's SQS event source mapping delivers it. */
export const toSqsRecord = (message: Message, queueArn: string, region: string): SQSRecord => ({
  messageId: message.MessageId ?? '',
  receiptHandle: message.ReceiptHandle ?? '',
  body: message.Body ?? '',
  attributes: {
    ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
    SentTimestamp: message.Attributes?.SentTimestamp ?? String(Date.now()),
    SenderId: message.Attributes?.SenderId ?? 'local',
    ApproximateFirstReceiveTimestamp: message.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
  },
  messageAttributes: toRecordAttributes(message.MessageAttributes),
  md5OfBody: message.MD5OfBody ?? '',
  eventSource: 'aws:sqs',
  eventSourceARN: queueArn,
  awsRegion: region,
});

// The attributes the SNS publisher sets; a raw string body (a poison record) carries none.
const eventAttributes = (event: LetterEvent): Record<string, MessageAttributeValue> => ({
  type: { DataType: 'String', StringValue: event.type },
  schemaVersion: { DataType: 'Number', StringValue: String(event.schemaVersion) },
  correlationId: { DataType: 'String', StringValue: event.correlationId },
});

/** One SQS record as Lambda's event source mapping delivers it (raw SNS delivery: the body is the event). */
export const sqsRecord = (body: string | LetterEvent, index = 0, receiveCount = 1): SQSRecord =>
  toSqsRecord(
    {
      MessageId: `msg-${index}`,
      ReceiptHandle: `receipt-${index}`,
      Body: typeof body === 'string' ? body : JSON.stringify(body),
      MD5OfBody: '00000000000000000000000000000000',
      Attributes: {
        ApproximateReceiveCount: String(receiveCount),
        SentTimestamp: '1795780800000',
        SenderId: 'AIDAEXAMPLE',
        ApproximateFirstReceiveTimestamp: '1795780800001',
      },
      MessageAttributes: typeof body === 'string' ? {} : eventAttributes(body),
    },
    QUEUE_ARN,
    REGION,
  );

/** An SQS event of several records, numbered in order. */
export const sqsEvent = (bodies: (string | LetterEvent)[]): SQSEvent => ({
  Records: bodies.map((body, index) => sqsRecord(body, index)),
});
