import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { toSqsRecord } from '../shared/testing/sqs-event.js';

export interface PollerOptions {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  region: string;
  batchSize: number;
  maximumBatchingWindowSeconds: number;
  /** Batches handled at once, as the event source mapping's maximum concurrency. */
  maximumConcurrency: number;
  /** Long-poll wait per ReceiveMessage, in seconds. */
  waitTimeSeconds?: number;
  invoke: (event: SQSEvent) => Promise<SQSBatchResponse | void>;
  onError?: (error: unknown) => void;
  /** Waited on after each batch of n records, before the next receive (local/pacing.ts). */
  pace?: (records: number) => Promise<void>;
}

export interface Poller {
  stop(): Promise<void>;
}

/**
 * Which messages to delete after an invocation, following Lambda's rules for
 * ReportBatchItemFailures: a thrown error, or a failure id that is not in the batch,
 * fails the whole batch; otherwise every message not reported as failed succeeded.
 */
export const succeededMessages = (messages: Message[], outcome: { response?: SQSBatchResponse | void; error?: unknown }): Message[] => {
  if (outcome.error !== undefined) return [];
  const failures = outcome.response?.batchItemFailures ?? [];
  const ids = new Set(messages.map((m) => m.MessageId));
  if (failures.some((f) => !f.itemIdentifier || !ids.has(f.itemIdentifier))) return [];
  const failed = new Set<string | undefined>(failures.map((f) => f.itemIdentifier));
  return messages.filter((m) => !failed.has(m.MessageId));
};

const isAbort = (error: unknown) => (error as { name?: string } | null)?.name === 'AbortError';

/**
 * Polls one queue and invokes a function with batches, like Lambda's SQS event source mapping:
 * long polling, batch size and batching window, delete only what succeeded, and leave failures
 * to reappear after the visibility timeout (the queue's redrive policy then moves poison
 * messages to the DLQ after maxReceiveCount receives).
 */
export const startPoller = (options: PollerOptions): Poller => {
  const abort = new AbortController();
  const { sqs, queueUrl } = options;

  const receive = async (max: number, waitTimeSeconds: number): Promise<Message[]> => {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: max,
        WaitTimeSeconds: waitTimeSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: abort.signal },
    );
    return Messages;
  };

  const collectBatch = async (): Promise<Message[]> => {
    const batch = await receive(Math.min(options.batchSize, 10), options.waitTimeSeconds ?? 2);
    const deadline = Date.now() + options.maximumBatchingWindowSeconds * 1000;
    while (batch.length > 0 && batch.length < options.batchSize && Date.now() < deadline) {
      const more = await receive(Math.min(options.batchSize - batch.length, 10), Math.max(0, Math.floor((deadline - Date.now()) / 1000)));
      if (more.length === 0) break;
      batch.push(...more);
    }
    return batch;
  };

  const handle = async (messages: Message[]) => {
    const event: SQSEvent = { Records: messages.map((m) => toSqsRecord(m, options.queueArn, options.region)) };
    const outcome: { response?: SQSBatchResponse | void; error?: unknown } = {};
    try {
      outcome.response = await options.invoke(event);
    } catch (error) {
      outcome.error = error;
    }
    const done = succeededMessages(messages, outcome);
    for (let i = 0; i < done.length; i += 10) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: done.slice(i, i + 10).map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
    }
  };

  const worker = async () => {
    while (!abort.signal.aborted) {
      try {
        const messages = await collectBatch();
        if (messages.length > 0) {
          await handle(messages);
          await options.pace?.(messages.length);
        }
      } catch (error) {
        if (abort.signal.aborted || isAbort(error)) return;
        options.onError?.(error);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  };

  const workers = Array.from({ length: Math.max(1, options.maximumConcurrency) }, worker);
  return {
    stop: async () => {
      abort.abort();
      await Promise.allSettled(workers);
    },
  };
};
