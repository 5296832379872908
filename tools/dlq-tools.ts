import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
  type MessageAttributeValue,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { inspectQueue } from '../local/queue-inspection.js';
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

/** Counts of one redrive. */
export interface RedriveResult {
  queue: string;
  moved: number;
  /** Still in the DLQ afterwards (messages that arrived meanwhile, or a move task not finished). */
  remaining: number;
}

type Sqs = Pick<Targets, 'sqs' | 'messagingEndpoint'>;

/** Visible plus in-flight messages of a queue. */
export const queueDepth = async (sqs: SQSClient, queueUrl: string): Promise<number> => {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
};

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
    const dlqName = new URL(queue.dlqUrl).pathname.split('/').at(-1)!;
    const { ready, inflight, delayed } = await inspectQueue(messagingEndpoint, dlqName);
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
        dlq: new URL(queue.dlqUrl).pathname.split('/').at(-1)!,
        depth,
        sample: depth === 0 ? [] : await sampleOf(targets, queue, sampleSize),
      };
    }),
  );

const attributesToSend = (attributes: Record<string, MessageAttributeValue> = {}): Record<string, MessageAttributeValue> =>
  Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      {
        DataType: value.DataType ?? 'String',
        ...(value.StringValue !== undefined ? { StringValue: value.StringValue } : {}),
        ...(value.BinaryValue !== undefined ? { BinaryValue: value.BinaryValue } : {}),
      },
    ]),
  );

// Long enough that a message being moved is not received twice by this loop, short enough
// that an interrupted move makes it visible again soon.
const MOVE_VISIBILITY_SECONDS = 30;

/**
 * Moves a DLQ's messages back to its source queue by hand (fauxqs has no StartMessageMoveTask):
 * each message is sent first and deleted after, so an interruption can only duplicate one,
 * never lose it, and a duplicate is harmless because the projections are idempotent. It moves
 * at most the depth it found at the start, so a poison message that fails again and comes
 * back cannot keep it busy forever.
 */
export const moveMessagesBack = async (sqs: SQSClient, queue: QueuePair): Promise<number> => {
  const budget = await queueDepth(sqs, queue.dlqUrl);
  let moved = 0;
  while (moved < budget) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.dlqUrl,
        MaxNumberOfMessages: Math.min(10, budget - moved),
        VisibilityTimeout: MOVE_VISIBILITY_SECONDS,
        WaitTimeSeconds: 0,
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) break;
    for (const message of Messages) {
      await sqs.send(
        new SendMessageCommand({ QueueUrl: queue.url, MessageBody: message.Body ?? '', MessageAttributes: attributesToSend(message.MessageAttributes) }),
      );
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queue.dlqUrl, ReceiptHandle: message.ReceiptHandle }));
      moved += 1;
    }
  }
  return moved;
};

const queueArn = async (sqs: SQSClient, queueUrl: string): Promise<string> => {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  return Attributes!.QueueArn!;
};

/** Redrives with SQS' own move task and waits for it to finish; resolves to the messages moved. */
export const startMoveTask = async (
  sqs: SQSClient,
  queue: QueuePair,
  { pollMs = 2_000, sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) } = {},
): Promise<number> => {
  const [sourceArn, destinationArn] = await Promise.all([queueArn(sqs, queue.dlqUrl), queueArn(sqs, queue.url)]);
  const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: sourceArn, DestinationArn: destinationArn }));
  for (;;) {
    const { Results = [] } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: 10 }));
    const task = Results.find((result) => result.TaskHandle === TaskHandle) ?? Results[0];
    if (task?.Status === 'COMPLETED') return Number(task.ApproximateNumberOfMessagesMoved ?? 0);
    if (task?.Status === 'FAILED' || task?.Status === 'CANCELLED') {
      throw new Error(`move task ${task.Status.toLowerCase()}: ${task.FailureReason ?? 'no reason given'}`);
    }
    await sleep(pollMs);
  }
};

/** Moves one consumer's dead letters back to its queue: a move task on AWS, by hand locally. */
export const redrive = async (targets: Pick<Targets, 'sqs' | 'queues' | 'mode'>, queueName: string): Promise<RedriveResult> => {
  const queue = targets.queues[queueName];
  if (!queue) throw new Error(`no consumer queue ${queueName}; known: ${Object.keys(targets.queues).join(', ')}`);
  const moved = targets.mode === 'aws' ? await startMoveTask(targets.sqs, queue) : await moveMessagesBack(targets.sqs, queue);
  return { queue: queueName, moved, remaining: await queueDepth(targets.sqs, queue.dlqUrl) };
};
