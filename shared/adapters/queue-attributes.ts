import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueCounts } from '../domain/pipeline.js';

/** A consumer queue and its DLQ, by URL. */
export interface QueuePair {
  name: string;
  url: string;
  dlqUrl: string;
}

/** Visible plus in-flight messages of a queue. */
export const queueDepth = async (sqs: SQSClient, queueUrl: string): Promise<number> => {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
};

/** A queue's ARN, which the message move task API takes instead of its URL. */
export const queueArn = async (sqs: SQSClient, queueUrl: string): Promise<string> => {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  if (!Attributes?.QueueArn) throw new Error(`queue ${queueUrl} has no QueueArn attribute`);
  return Attributes.QueueArn;
};

/** The last path segment of a queue URL: its name. */
export const queueNameOf = (queueUrl: string): string => new URL(queueUrl).pathname.split('/').at(-1)!;

/** A queue's messages by state: visible, in flight (received, not yet deleted) and delayed. */
export const queueCounts = async (sqs: SQSClient, queueUrl: string): Promise<QueueCounts> => {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
    }),
  );
  return {
    visible: Number(Attributes.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
    delayed: Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0),
  };
};
