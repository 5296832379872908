import { describe, expect, it } from 'vitest';
import { hcl } from '../testing.js';
import { checkQueueConsumers, checkSubscriptions } from './queue-consumers.js';

const FILE = 'infra/modules/queue-consumer/main.tf';

const consumer = ({ redrive = 'redrive_policy = jsonencode({\n deadLetterTargetArn = aws_sqs_queue.dlq.arn\n maxReceiveCount = 5\n })', responseTypes = '["ReportBatchItemFailures"]' } = {}) => `
  resource "aws_sqs_queue" "dlq" {
    name = "q-dlq"
  }
  resource "aws_sqs_queue" "this" {
    name = "q"
    ${redrive}
  }
  resource "aws_lambda_event_source_mapping" "this" {
    event_source_arn        = aws_sqs_queue.this.arn
    function_name           = "f"
    function_response_types = ${responseTypes}
  }`;

describe('checkQueueConsumers', () => {
  it('accepts a consumed queue with a DLQ and partial batch failures', async () => {
    expect(checkQueueConsumers(await hcl({ [FILE]: consumer() }))).toEqual([]);
  });

  it('reports a consumed queue without a DLQ', async () => {
    const findings = checkQueueConsumers(await hcl({ [FILE]: consumer({ redrive: '' }) }));

    expect(findings).toEqual([{ file: FILE, resource: 'aws_sqs_queue.this', message: expect.stringContaining('has no redrive_policy') }]);
  });

  it('reports a queue redriving to itself and a redrive without maxReceiveCount', async () => {
    const findings = checkQueueConsumers(await hcl({ [FILE]: consumer({ redrive: 'redrive_policy = jsonencode({ deadLetterTargetArn = aws_sqs_queue.this.arn })' }) }));

    expect(findings.map((f) => [f.resource, f.message])).toEqual([
      ['aws_sqs_queue.this', 'redrive_policy must target another queue of the module, not aws_sqs_queue.this'],
      ['aws_sqs_queue.this', 'redrive_policy must set maxReceiveCount'],
    ]);
  });

  it('reports a mapping without ReportBatchItemFailures', async () => {
    const findings = checkQueueConsumers(await hcl({ [FILE]: consumer({ responseTypes: '[]' }) }));

    expect(findings).toEqual([{ file: FILE, resource: 'aws_lambda_event_source_mapping.this', message: expect.stringContaining('ReportBatchItemFailures') }]);
  });
});

describe('checkSubscriptions', () => {
  it('accepts a raw subscription whose filter policy may be null (every message)', async () => {
    const config = await hcl({
      [FILE]: 'resource "aws_sns_topic_subscription" "this" {\n  protocol = "sqs"\n  raw_message_delivery = true\n  filter_policy = var.filter_policy == null ? null : jsonencode(var.filter_policy)\n}',
    });

    expect(checkSubscriptions(config)).toEqual([]);
  });

  it("lets another team's subscription choose raw delivery, spelled out, but not leave out its filter policy", async () => {
    const config = await hcl({
      [FILE]: 'resource "aws_sns_topic_subscription" "subscriber" {\n  protocol = "sqs"\n  endpoint = each.value.queue_arn\n  raw_message_delivery = each.value.raw_message_delivery\n}',
    });

    expect(checkSubscriptions(config).map((f) => f.message.split(' ')[0])).toEqual(['needs']);
  });

  it('reports an SQS subscription without raw delivery or filter policy', async () => {
    const config = await hcl({ [FILE]: 'resource "aws_sns_topic_subscription" "this" {\n  protocol = "sqs"\n  topic_arn = "t"\n  endpoint = aws_sqs_queue.this.arn\n  raw_message_delivery = var.raw\n}' });

    expect(checkSubscriptions(config).map((f) => [f.resource, f.message.split(':')[0]])).toEqual([
      ['aws_sns_topic_subscription.this', 'raw_message_delivery must be true'],
      ['aws_sns_topic_subscription.this', 'needs a filter_policy on the message attributes (type, schemaVersion, correlationId), or null spelled out for a subscriber of every message'],
    ]);
  });
});
