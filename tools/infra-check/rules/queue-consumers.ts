import { resourcesOf, stringsOf, type Finding, type HclValue, type TfConfig } from '../hcl-model.js';

const queueReference = (value: HclValue | undefined): string | null => {
  const match = typeof value === 'string' ? value.match(/^\$\{aws_sqs_queue\.([A-Za-z0-9_-]+)\.arn\}$/u) : null;
  return match?.[1] ?? null;
};

/**
 * Every SQS event source mapping reports partial batch failures, and the queue
 * it reads (defined beside it) redrives to a dead-letter queue after maxReceiveCount.
 */
export const checkQueueConsumers = (config: TfConfig): Finding[] => {
  const findings: Finding[] = [];
  for (const module of config.modules) {
    const queues = new Map(resourcesOf(module, 'aws_sqs_queue').map((q) => [q.name, q]));
    for (const mapping of resourcesOf(module, 'aws_lambda_event_source_mapping')) {
      const report = (file: string, resource: string, message: string) => findings.push({ file, resource, message });
      if (!stringsOf(mapping.body.function_response_types).includes('ReportBatchItemFailures')) {
        report(mapping.file.path, mapping.address, 'function_response_types must include "ReportBatchItemFailures", or one bad record fails (and retries) its whole batch');
      }
      const queueName = queueReference(mapping.body.event_source_arn);
      const queue = queueName === null ? undefined : queues.get(queueName);
      if (!queue) {
        report(mapping.file.path, mapping.address, 'event_source_arn must be aws_sqs_queue.<name>.arn of a queue in the same module, so its dead-letter queue can be checked');
        continue;
      }
      const redrive = typeof queue.body.redrive_policy === 'string' ? queue.body.redrive_policy : '';
      const dlq = redrive.match(/"?deadLetterTargetArn"?\s*[=:]\s*"?\$?\{?aws_sqs_queue\.([A-Za-z0-9_-]+)\.arn/u)?.[1];
      if (!dlq) {
        report(queue.file.path, queue.address, `consumed by ${mapping.address} but has no redrive_policy with deadLetterTargetArn = aws_sqs_queue.<dlq>.arn: poison messages would be retried until they expire`);
        continue;
      }
      if (dlq === queue.name || !queues.has(dlq)) report(queue.file.path, queue.address, `redrive_policy must target another queue of the module, not aws_sqs_queue.${dlq}`);
      if (!/"?maxReceiveCount"?\s*[=:]/u.test(redrive)) report(queue.file.path, queue.address, 'redrive_policy must set maxReceiveCount');
    }
  }
  return findings;
};

const ownQueue = (endpoint: HclValue | undefined): boolean => queueReference(endpoint) !== null;

/**
 * Every SNS subscription to SQS sets filter_policy (an expression that may be null for a
 * subscriber that must see every message, as the archive does; wiring.json's filter-policies
 * rule says which consumers must filter) and raw_message_delivery: true for this system's own
 * queues, whose consumers parse the event itself; another team's queue (an endpoint that is not
 * a queue of the module) chooses, but must spell it out.
 */
export const checkSubscriptions = (config: TfConfig): Finding[] =>
  config.modules.flatMap((module) =>
    resourcesOf(module, 'aws_sns_topic_subscription')
      .filter((s) => s.body.protocol === 'sqs')
      .flatMap((s) => [
        ...(s.body.raw_message_delivery === true || (!ownQueue(s.body.endpoint) && s.body.raw_message_delivery !== undefined)
          ? []
          : [{ file: s.file.path, resource: s.address, message: 'raw_message_delivery must be true: consumers parse the event itself, not an SNS envelope' }]),
        ...(s.body.filter_policy === undefined ? [{ file: s.file.path, resource: s.address, message: 'needs a filter_policy on the message attributes (type, schemaVersion, correlationId), or null spelled out for a subscriber of every message' }] : []),
      ]),
  );
