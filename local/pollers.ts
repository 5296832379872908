import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { LOCAL_REGION } from './clients.js';
import { withFaults, type FaultOptions } from './faults.js';
import { createPace } from './pacing.js';
import { correlationIdsOf, type Invoke, type InvocationLog } from './invocations.js';
import { startPoller, type Poller } from './sqs-poller.js';
import type { Topology } from './topology.js';
import { wiring } from './wiring.js';

/** One poller per consumer of the wiring, shaped like Lambda's event source mapping, with faults if asked for. */
export const startPollers = ({ invoke, sqs, topology, log, faults, projectorEventsPerSecond }: {
  invoke: Invoke;
  sqs: SQSClient;
  topology: Topology;
  log: InvocationLog;
  faults?: FaultOptions;
  /** Records per second each consumer may handle at most (local/pacing.ts); unpaced without it. */
  projectorEventsPerSecond?: number;
}): Poller[] =>
  Object.entries(wiring.consumers).map(([queueName, consumer], index) => {
    const queue = topology.queues[queueName]!;
    return startPoller({
      sqs,
      queueUrl: queue.url,
      queueArn: queue.arn,
      region: LOCAL_REGION,
      batchSize: consumer.batchSize,
      maximumBatchingWindowSeconds: consumer.maximumBatchingWindowSeconds,
      maximumConcurrency: consumer.maximumConcurrency,
      invoke: withFaults(queueName, (event: SQSEvent) => invoke(consumer.function, event, correlationIdsOf(event)) as Promise<SQSBatchResponse>, {
        ...faults,
        // One generator per queue, so one queue's traffic does not shift another's faults.
        seed: (faults?.seed ?? 1) + index,
      }),
      onError: (error) => log({ poller: queueName, error: String(error) }),
      ...(projectorEventsPerSecond ? { pace: createPace(projectorEventsPerSecond) } : {}),
    });
  });
