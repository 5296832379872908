import type { SQSEvent, SQSRecord } from 'aws-lambda';
import type { LetterEvent } from '../domain/events.js';

const QUEUE_ARN = 'arn:aws:sqs:eu-north-1:123456789012:letters-view';

/** One SQS record as Lambda's event source mapping delivers it (raw SNS delivery: the body is the event). */
export const sqsRecord = (body: string | LetterEvent, index = 0, receiveCount = 1): SQSRecord => ({
  messageId: `msg-${index}`,
  receiptHandle: `receipt-${index}`,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  attributes: {
    ApproximateReceiveCount: String(receiveCount),
    SentTimestamp: '1795780800000',
    SenderId: 'AIDAEXAMPLE',
    ApproximateFirstReceiveTimestamp: '1795780800001',
  },
  messageAttributes:
    typeof body === 'string'
      ? {}
      : {
          type: { stringValue: body.type, dataType: 'String', stringListValues: [], binaryListValues: [] },
          schemaVersion: { stringValue: String(body.schemaVersion), dataType: 'Number', stringListValues: [], binaryListValues: [] },
          correlationId: { stringValue: body.correlationId, dataType: 'String', stringListValues: [], binaryListValues: [] },
        },
  md5OfBody: '00000000000000000000000000000000',
  eventSource: 'aws:sqs',
  eventSourceARN: QUEUE_ARN,
  awsRegion: 'eu-north-1',
});

/** An SQS event of several records, numbered in order. */
export const sqsEvent = (bodies: (string | LetterEvent)[]): SQSEvent => ({
  Records: bodies.map((body, index) => sqsRecord(body, index)),
});
