import { ReceiveMessageCommand, StartMessageMoveTaskCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { PeekDeadLetters, RedriveDeadLetters } from '../domain/pipeline.js';
import { moveMessagesBack } from './move-messages-back.js';
import { queueArn, queueNameOf } from './queue-attributes.js';
import { inspectQueue } from './sqs-inspection.js';

/** SQS has no peek: a receive with visibility 0 leaves each message where it was (one receive more on its count). */
export const peekByReceive =
  (sqs: SQSClient): PeekDeadLetters =>
  async (queue, limit) => {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.dlqUrl,
        MaxNumberOfMessages: Math.min(10, limit),
        VisibilityTimeout: 0,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
      }),
    );
    return Messages.map((message) => ({
      messageId: message.MessageId ?? '',
      body: message.Body ?? '',
      receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
      sentTimestamp: message.Attributes?.SentTimestamp ? Number(message.Attributes.SentTimestamp) : null,
    }));
  };

/** The local stand-in shows a queue's messages without receiving them, so the receive counts stay true. */
export const peekByInspection =
  (inspectionEndpoint: string): PeekDeadLetters =>
  async (queue, limit) => {
    const { ready, inflight, delayed } = await inspectQueue(inspectionEndpoint, queueNameOf(queue.dlqUrl));
    return [...ready, ...inflight, ...delayed].slice(0, limit).map((message) => ({
      messageId: message.messageId,
      body: message.body,
      receiveCount: message.approximateReceiveCount,
      sentTimestamp: message.sentTimestamp,
    }));
  };

/** On AWS: SQS' own move task from the DLQ back to its source queue; it runs on after the answer. */
export const redriveByMoveTask =
  (sqs: SQSClient): RedriveDeadLetters =>
  async (queue) => {
    const [sourceArn, destinationArn] = await Promise.all([queueArn(sqs, queue.dlqUrl), queueArn(sqs, queue.url)]);
    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: sourceArn, DestinationArn: destinationArn }));
    return { status: 'started', moved: null, skipped: 0, taskHandle: TaskHandle ?? null };
  };

/** Locally (the stand-in has no move task): every message sent back, then deleted from the DLQ. */
export const redriveByHand =
  (sqs: SQSClient): RedriveDeadLetters =>
  async (queue) => {
    const { moved, skipped } = await moveMessagesBack(sqs, queue);
    return { status: 'completed', moved, skipped: skipped.length, taskHandle: null };
  };
