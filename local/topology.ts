import { CreateTopicCommand, SubscribeCommand, type SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { dlqName, type Wiring } from './wiring.js';

export interface LocalQueue {
  name: string;
  url: string;
  arn: string;
  dlqName: string;
  dlqUrl: string;
  dlqArn: string;
}

export interface Topology {
  topicArn: string;
  queues: Record<string, LocalQueue>;
}

const createQueue = async (sqs: SQSClient, name: string, attributes: Record<string, string>) => {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
};

/**
 * Creates the topic, each consumer's queue and DLQ (redrive after maxReceiveCount) and the
 * raw-delivery subscriptions with their filter policies, all from the wiring the Terraform
 * reads too. Every call is idempotent, so a restart on persisted state finds it all again.
 */
export const createTopology = async (
  { sns, sqs }: { sns: SNSClient; sqs: SQSClient },
  wiring: Wiring,
  { visibilityTimeoutSeconds }: { visibilityTimeoutSeconds: number },
): Promise<Topology> => {
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: wiring.topic }));
  const queues: Record<string, LocalQueue> = {};
  for (const [name, consumer] of Object.entries(wiring.consumers)) {
    const dlq = await createQueue(sqs, dlqName(name), { MessageRetentionPeriod: '1209600' });
    const queue = await createQueue(sqs, name, {
      VisibilityTimeout: String(visibilityTimeoutSeconds),
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: consumer.maxReceiveCount }),
    });
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: queue.arn,
        Attributes: { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify(consumer.filterPolicy) },
      }),
    );
    queues[name] = { name, ...queue, dlqName: dlqName(name), dlqUrl: dlq.url, dlqArn: dlq.arn };
  }
  return { topicArn: TopicArn!, queues };
};
