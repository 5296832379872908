import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

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
