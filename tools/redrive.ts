import { ListMessageMoveTasksCommand, StartMessageMoveTaskCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { moveMessagesBack, type SkippedMessage } from '../shared/adapters/move-messages-back.js';
import { queueArn, queueDepth } from '../shared/adapters/queue-attributes.js';
import type { QueuePair, Targets } from './targets.js';

/** Counts of one redrive. */
export interface RedriveResult {
  queue: string;
  moved: number;
  /** Messages the queue refused, left in the DLQ (local only: SQS' own move task reports none). */
  skipped: SkippedMessage[];
  /** Still in the DLQ afterwards (skipped ones, messages that arrived meanwhile, or a move task not finished). */
  remaining: number;
}

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
export const redrive = async (
  targets: Pick<Targets, 'sqs' | 'queues' | 'mode'>,
  queueName: string,
  options: Parameters<typeof startMoveTask>[2] = {},
): Promise<RedriveResult> => {
  const queue = targets.queues[queueName];
  if (!queue) throw new Error(`no consumer queue ${queueName}; known: ${Object.keys(targets.queues).join(', ')}`);
  const { moved, skipped } =
    targets.mode === 'aws' ? { moved: await startMoveTask(targets.sqs, queue, options), skipped: [] } : await moveMessagesBack(targets.sqs, queue);
  return { queue: queueName, moved, skipped, remaining: await queueDepth(targets.sqs, queue.dlqUrl) };
};
