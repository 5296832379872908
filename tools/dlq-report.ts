import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { inspectQueue } from '../shared/adapters/sqs-inspection.js';
import { queueDepth, queueNameOf } from '../shared/adapters/queue-attributes.js';
import type { QueuePair, Targets } from './targets.js';

/** One message of a DLQ, as far as it can be read. */
export interface DlqSample {
  messageId: string;
  /** The event type, or what went wrong reading it. */
  type: string;
  letterId: string | null;
  /** Receives so far, counting those on the source queue that made it a dead letter. */
  receiveCount: number;
  sentAt: string | null;
}

/** A DLQ's depth and its first messages. */
export interface DlqReport {
  queue: string;
  dlq: string;
  depth: number;
  sample: DlqSample[];
}

type Sqs = Pick<Targets, 'sqs' | 'messagingEndpoint'>;

const describeBody = (body: string, attributes: Record<string, { StringValue?: string | undefined }> = {}): Pick<DlqSample, 'type' | 'letterId'> => {
  try {
    const parsed = JSON.parse(body) as { type?: unknown; letterId?: unknown };
    return {
      type: typeof parsed.type === 'string' ? parsed.type : '(no type)',
      letterId: typeof parsed.letterId === 'string' ? parsed.letterId : null,
    };
  } catch {
    return { type: attributes.type?.StringValue ? `${attributes.type.StringValue} (body not JSON)` : '(body not JSON)', letterId: null };
  }
};

const sampleOf = async ({ sqs, messagingEndpoint }: Sqs, queue: QueuePair, size: number): Promise<DlqSample[]> => {
  if (messagingEndpoint) {
    // Locally, fauxqs shows messages without receiving them, so the receive counts stay true.
    const { ready, inflight, delayed } = await inspectQueue(messagingEndpoint, queueNameOf(queue.dlqUrl));
    return [...ready, ...inflight, ...delayed].slice(0, size).map((message) => ({
      messageId: message.messageId,
      ...describeBody(message.body, message.messageAttributes),
      receiveCount: message.approximateReceiveCount,
      sentAt: new Date(message.sentTimestamp).toISOString(),
    }));
  }
  // SQS has no peek: a receive with visibility 0 leaves the message where it was, at the cost of one receive count.
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queue.dlqUrl,
      MaxNumberOfMessages: Math.min(10, size),
      VisibilityTimeout: 0,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }),
  );
  return Messages.map((message) => ({
    messageId: message.MessageId ?? '',
    ...describeBody(message.Body ?? '', message.MessageAttributes),
    receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
    sentAt: message.Attributes?.SentTimestamp ? new Date(Number(message.Attributes.SentTimestamp)).toISOString() : null,
  }));
};

/** Each consumer's DLQ: depth and up to sampleSize messages. */
export const dlqReport = async (targets: Sqs & Pick<Targets, 'queues'>, { sampleSize = 5 }: { sampleSize?: number } = {}): Promise<DlqReport[]> =>
  Promise.all(
    Object.values(targets.queues).map(async (queue) => {
      const depth = await queueDepth(targets.sqs, queue.dlqUrl);
      return {
        queue: queue.name,
        dlq: queueNameOf(queue.dlqUrl),
        depth,
        sample: depth === 0 ? [] : await sampleOf(targets, queue, sampleSize),
      };
    }),
  );
