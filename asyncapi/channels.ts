import { ACCEPTED_SCHEMA_VERSIONS, SCHEMA_VERSION } from '../shared/domain/events.js';
import { eventTypesOfVersion } from '../shared/testing/example-events.js';
import { messageKey, messageKeysOfVersion } from './messages.js';

type JsonObject = Record<string, unknown>;

/** A consumer of infra/wiring.json: its queue, DLQ, filter policy and event source mapping. Batch settings may be derived elsewhere, so each is optional. */
export interface WiredConsumer {
  function: string;
  maxReceiveCount: number;
  batchSize?: number;
  maximumBatchingWindowSeconds?: number;
  maximumConcurrency?: number;
  filterPolicy?: { type?: string[] } & Record<string, unknown>;
}

/** What the event channels are derived from: the topic and the consumers of infra/wiring.json. */
export interface EventWiring {
  topic: string;
  consumers: Record<string, WiredConsumer>;
}

// Names as Terraform gives them: <name_prefix>-<name>, the DLQ <queue>-dlq.
const named = (name: string) => `{namePrefix}-${name}`;
const dlqOf = (queue: string) => named(`${queue}-dlq`);
const ref = (path: string) => ({ $ref: path });
const camelCase = (name: string) => name.replace(/-([a-z])/gu, (_, letter: string) => letter.toUpperCase());
// Newest version first, each in its schema's order.
const allMessages = () =>
  [...ACCEPTED_SCHEMA_VERSIONS].reverse().flatMap((version) => eventTypesOfVersion(version).map((type) => ({ type, key: messageKey(type, version) })));
const allMessageKeys = () => allMessages().map(({ key }) => key);

/** The message keys a queue receives: those whose type its filter policy lets through (all without one). */
const keysDeliveredTo = (consumer: WiredConsumer): string[] => {
  const types = consumer.filterPolicy?.type;
  return allMessages()
    .filter(({ type }) => !types || types.includes(type))
    .map(({ key }) => key);
};

const messagesOf = (keys: string[]) => Object.fromEntries(keys.map((key) => [key, ref(`#/components/messages/${key}`)]));

const queueBinding = (queue: string, consumer: WiredConsumer): JsonObject => ({
  name: named(queue),
  fifoQueue: false,
  redrivePolicy: { deadLetterQueue: { name: dlqOf(queue) }, maxReceiveCount: consumer.maxReceiveCount },
});

const topicChannel = (wiring: EventWiring): JsonObject => ({
  address: named(wiring.topic),
  title: 'The letters topic',
  description:
    "Every event of the system, published by the command functions. Standard SNS topic: at-least-once delivery, no order. Subscribed by this system's own queues (below) and by other teams' queues through Terraform's letters_topic_subscribers.",
  servers: [ref('#/servers/sns')],
  parameters: { namePrefix: ref('#/components/parameters/namePrefix') },
  messages: messagesOf(allMessageKeys()),
  bindings: { sns: { name: named(wiring.topic), ordering: { type: 'standard' }, bindingVersion: '0.1.0' } },
});

const queueChannel = (queue: string, consumer: WiredConsumer): JsonObject => ({
  address: named(queue),
  title: `The ${queue} queue`,
  description: `Subscribed to the letters topic with raw message delivery${consumer.filterPolicy ? ' and a filter policy on the message attributes' : ', unfiltered'}; consumed by ${consumer.function}. A message received ${consumer.maxReceiveCount} times without success moves to ${dlqOf(queue)}, from where it can be redriven.`,
  servers: [ref('#/servers/sqs')],
  parameters: { namePrefix: ref('#/components/parameters/namePrefix') },
  messages: messagesOf(keysDeliveredTo(consumer)),
  bindings: {
    sqs: { queue: queueBinding(queue, consumer), deadLetterQueue: { name: dlqOf(queue), fifoQueue: false }, bindingVersion: '0.2.0' },
  },
});

/** The topic and one channel per queue. */
export const eventChannels = (wiring: EventWiring): Record<string, JsonObject> => ({
  [wiring.topic]: topicChannel(wiring),
  ...Object.fromEntries(Object.entries(wiring.consumers).map(([queue, consumer]) => [queue, queueChannel(queue, consumer)])),
});

const subscriptionOf = (queue: string, consumer: WiredConsumer): JsonObject => ({
  protocol: 'sqs',
  endpoint: { name: named(queue) },
  ...(consumer.filterPolicy ? { filterPolicy: consumer.filterPolicy, filterPolicyScope: 'MessageAttributes' } : {}),
  rawMessageDelivery: true,
  // SNS parks what it cannot deliver in the queue's own DLQ.
  redrivePolicy: { deadLetterQueue: { name: dlqOf(queue) } },
});

// Lambda's event source mapping has no AsyncAPI binding: its settings as an extension.
const eventSourceMapping = (consumer: WiredConsumer): JsonObject => ({
  function: consumer.function,
  ...(consumer.batchSize === undefined ? {} : { batchSize: consumer.batchSize }),
  ...(consumer.maximumBatchingWindowSeconds === undefined ? {} : { maximumBatchingWindowSeconds: consumer.maximumBatchingWindowSeconds }),
  ...(consumer.maximumConcurrency === undefined ? {} : { maximumConcurrency: consumer.maximumConcurrency }),
  functionResponseTypes: ['ReportBatchItemFailures'],
});

/** The command functions' publish, and each consumer's receive (named after its function). */
export const eventOperations = (wiring: EventWiring): Record<string, JsonObject> => ({
  publishLetterEvent: {
    action: 'send',
    channel: ref(`#/channels/${wiring.topic}`),
    title: 'Publish a letter event',
    summary: `The command functions publish one event per accepted command, in schemaVersion ${SCHEMA_VERSION}, before answering 202.`,
    messages: messageKeysOfVersion(SCHEMA_VERSION).map((key) => ref(`#/channels/${wiring.topic}/messages/${key}`)),
    bindings: {
      sns: { consumers: Object.entries(wiring.consumers).map(([queue, consumer]) => subscriptionOf(queue, consumer)), bindingVersion: '0.1.0' },
    },
  },
  ...Object.fromEntries(
    Object.entries(wiring.consumers).map(([queue, consumer]) => [
      camelCase(consumer.function),
      {
        action: 'receive',
        channel: ref(`#/channels/${queue}`),
        title: `${consumer.function} consumes ${queue}`,
        summary:
          'Idempotent and order-independent; reports partial batch failures (a failed record is retried alone, then lands in the DLQ), and a batch in which every record failed ends in error.',
        messages: keysDeliveredTo(consumer).map((key) => ref(`#/channels/${queue}/messages/${key}`)),
        bindings: {
          sqs: { queues: [queueBinding(queue, consumer)], bindingVersion: '0.2.0' },
          'x-aws-lambda-event-source-mapping': eventSourceMapping(consumer),
        },
      },
    ]),
  ),
});
