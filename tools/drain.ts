import type { SQSClient } from '@aws-sdk/client-sqs';
import { moveMessagesBack } from '../shared/adapters/move-messages-back.js';
import { queueDepth } from '../shared/adapters/queue-attributes.js';
import type { QueuePair } from './targets.js';

/** What a drain did. */
export interface DrainResult {
  /** Rounds of wait-then-redrive. */
  rounds: number;
  /** Messages moved back from each DLQ, summed over the rounds. */
  redriven: Record<string, number>;
  durationMs: number;
}

const depths = async (sqs: SQSClient, urls: string[]) => Promise.all(urls.map((url) => queueDepth(sqs, url)));

/**
 * Waits until every consumer queue is empty, moves whatever reached a DLQ back, and repeats
 * until queues and DLQs are all empty at once: then every accepted event has been applied.
 * Gives up (throws) after timeoutMs, naming what was still queued, or at once when a dead
 * letter cannot be moved back.
 */
export const drain = async (
  { sqs, queues }: { sqs: SQSClient; queues: Record<string, QueuePair> },
  { pollMs = 100, timeoutMs = 300_000, redrive = true }: { pollMs?: number; timeoutMs?: number; redrive?: boolean } = {},
): Promise<DrainResult> => {
  const started = Date.now();
  const pairs = Object.values(queues);
  const redriven: Record<string, number> = Object.fromEntries(pairs.map((pair) => [pair.name, 0]));
  for (let rounds = 1; ; rounds += 1) {
    for (;;) {
      const pending = await depths(sqs, pairs.map((pair) => pair.url));
      if (pending.every((depth) => depth === 0)) break;
      if (Date.now() - started > timeoutMs) {
        throw new Error(`drain timed out; still queued: ${pairs.map((pair, i) => `${pair.name}=${pending[i]}`).join(', ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    const dead = await depths(sqs, pairs.map((pair) => pair.dlqUrl));
    if (dead.every((depth) => depth === 0)) return { rounds, redriven, durationMs: Date.now() - started };
    if (!redrive) throw new Error(`dead letters: ${pairs.map((pair, i) => `${pair.name}=${dead[i]}`).join(', ')}`);
    for (const pair of pairs) {
      const { moved, skipped } = await moveMessagesBack(sqs, pair);
      redriven[pair.name]! += moved;
      // A message its queue refuses would come back to every round until the timeout.
      if (skipped.length > 0) throw new Error(`${pair.name}: cannot redrive ${skipped.map(({ messageId, reason }) => `${messageId} (${reason})`).join(', ')}`);
    }
  }
};
