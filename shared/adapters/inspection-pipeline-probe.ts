import type { SQSClient } from '@aws-sdk/client-sqs';
import type { PipelineProbe, ProjectionAges, ProjectionQueue } from '../domain/pipeline.js';
import { queueCounts, queueNameOf } from './queue-attributes.js';
import { inspectQueue, type InspectedMessage } from './sqs-inspection.js';

const occurredAtOf = (message: InspectedMessage): number | undefined => {
  try {
    const occurredAt = (JSON.parse(message.body) as { occurredAt?: unknown }).occurredAt;
    const time = typeof occurredAt === 'string' ? Date.parse(occurredAt) : Number.NaN;
    return Number.isNaN(time) ? undefined : time;
  } catch {
    return undefined;
  }
};

const secondsSince = (now: number, times: number[]): number => (times.length === 0 ? 0 : Math.max(0, (now - Math.min(...times)) / 1000));

/**
 * Locally, where the SQS stand-in shows its messages without receiving them: the oldest
 * message's age from its sent time, and the read lag from the oldest event still waiting
 * (how long ago it happened); both 0 while the queue is empty.
 */
export const createInspectionPipelineProbe = ({
  sqs,
  inspectionEndpoint,
  now = Date.now,
}: {
  sqs: SQSClient;
  inspectionEndpoint: string;
  now?: () => number;
}): PipelineProbe => ({
  counts: (queueUrl) => queueCounts(sqs, queueUrl),
  ages: async (queues) => {
    const at = now();
    const entries = await Promise.all(
      queues.map(async (queue: ProjectionQueue): Promise<[string, ProjectionAges]> => {
        const { ready, delayed, inflight } = await inspectQueue(inspectionEndpoint, queueNameOf(queue.url));
        const waiting = [...ready, ...delayed, ...inflight];
        return [
          queue.name,
          {
            oldestMessageAgeSeconds: secondsSince(at, waiting.map((message) => message.sentTimestamp)),
            readLagSeconds: secondsSince(at, waiting.flatMap((message) => occurredAtOf(message) ?? [])),
          },
        ];
      }),
    );
    return Object.fromEntries(entries);
  },
});
