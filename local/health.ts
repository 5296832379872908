import { inspectQueue } from '../shared/adapters/sqs-inspection.js';
import type { Topology } from './topology.js';

/** One projection's backlog, as GET /health shows it. */
export interface QueueHealth {
  /** Age of the oldest message not yet deleted (visible, in flight or delayed), in seconds; 0 when empty. */
  oldestMessageAgeSeconds: number;
  /** Messages visible plus in flight. */
  depth: { visible: number; inFlight: number; total: number };
  /** Messages in the queue's DLQ. */
  dlqDepth: number;
}

/** GET /health: per consumer queue, its backlog and DLQ; status "degraded" while a DLQ holds anything. */
export interface Health {
  status: 'ok' | 'degraded';
  queues: Record<string, QueueHealth>;
}

/** Reads the health of every consumer queue from the SQS stand-in, without receiving anything. */
export const readHealth = async (
  { messagingEndpoint, topology, now = Date.now }: { messagingEndpoint: string; topology: Topology; now?: () => number },
): Promise<Health> => {
  const entries = await Promise.all(
    Object.values(topology.queues).map(async (queue) => {
      const [main, dlq] = await Promise.all([inspectQueue(messagingEndpoint, queue.name), inspectQueue(messagingEndpoint, queue.dlqName)]);
      const pending = [...main.ready, ...main.delayed, ...main.inflight];
      const oldest = Math.min(...pending.map((message) => message.sentTimestamp));
      const health: QueueHealth = {
        oldestMessageAgeSeconds: pending.length === 0 ? 0 : Math.max(0, Math.floor((now() - oldest) / 1000)),
        depth: { visible: main.ready.length, inFlight: main.inflight.length, total: main.ready.length + main.inflight.length },
        dlqDepth: dlq.ready.length + dlq.inflight.length + dlq.delayed.length,
      };
      return [queue.name, health] as const;
    }),
  );
  const queues = Object.fromEntries(entries);
  return { status: Object.values(queues).some((queue) => queue.dlqDepth > 0) ? 'degraded' : 'ok', queues };
};
