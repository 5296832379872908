import {
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
  type MessageAttributeValue,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { queueDepth, type QueuePair } from './queue-attributes.js';

/** A dead letter the queue would not take back; it stays in the DLQ. */
export interface SkippedMessage {
  messageId: string;
  reason: string;
}

/** What one hand-made move did. */
export interface MoveResult {
  moved: number;
  skipped: SkippedMessage[];
}

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

// SendMessage refusals that concern this one message, not the queue: fauxqs refuses every
// character outside the Basic Multilingual Plane (real SQS takes them), an empty body, an
// oversized one. fauxqs names them AWS.SimpleQueueService.<code>.
const MESSAGE_REFUSALS = /(^|\.)(InvalidMessageContents|MissingParameter|InvalidParameterValue)$/u;

const isRefusalOfThisMessage = (error: unknown): error is Error => error instanceof Error && MESSAGE_REFUSALS.test(error.name);

// Long enough that a message being moved (or skipped) is not received twice by this loop,
// short enough that an interrupted move makes it visible again soon.
const MOVE_VISIBILITY_SECONDS = 30;

const moveOne = async (sqs: SQSClient, queue: QueuePair, message: Message): Promise<SkippedMessage | undefined> => {
  try {
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: message.Body ?? '', MessageAttributes: attributesToSend(message.MessageAttributes) }));
  } catch (error) {
    if (!isRefusalOfThisMessage(error)) throw error;
    return { messageId: message.MessageId ?? '', reason: `${error.name}: ${error.message}` };
  }
  await sqs.send(new DeleteMessageCommand({ QueueUrl: queue.dlqUrl, ReceiptHandle: message.ReceiptHandle }));
  return undefined;
};

/**
 * Moves a DLQ's messages back to its source queue by hand (fauxqs has no StartMessageMoveTask):
 * each message is sent first and deleted after, so an interruption can only duplicate one,
 * never lose it, and a duplicate is harmless because the projections are idempotent. A message
 * the queue refuses is reported and left in the DLQ, and the move goes on with the next one.
 * It handles at most the depth it found at the start, so a poison message that fails again and
 * comes back cannot keep it busy forever.
 */
export const moveMessagesBack = async (sqs: SQSClient, queue: QueuePair): Promise<MoveResult> => {
  const budget = await queueDepth(sqs, queue.dlqUrl);
  const result: MoveResult = { moved: 0, skipped: [] };
  const handled = () => result.moved + result.skipped.length;
  while (handled() < budget) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.dlqUrl,
        MaxNumberOfMessages: Math.min(10, budget - handled()),
        VisibilityTimeout: MOVE_VISIBILITY_SECONDS,
        WaitTimeSeconds: 0,
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) break;
    for (const message of Messages) {
      const skipped = await moveOne(sqs, queue, message);
      if (skipped) result.skipped.push(skipped);
      else result.moved += 1;
    }
  }
  return result;
};
