import { describe, expect, it } from 'vitest';
import { loadProviderSchema } from '../provider-schema.js';
import { hcl } from '../testing.js';
import { checkSchemaNames } from './schema-names.js';

const schema = loadProviderSchema();

describe('checkSchemaNames', () => {
  it('accepts known types, arguments, blocks, dynamic blocks and meta-arguments', async () => {
    const config = await hcl({
      'infra/main.tf': `
        resource "aws_sqs_queue" "this" {
          count                      = 1
          name                       = "letters-view"
          visibility_timeout_seconds = 180
          lifecycle {
            precondition {
              condition     = true
              error_message = "x"
            }
          }
        }
        data "aws_iam_policy_document" "this" {
          dynamic "statement" {
            for_each = var.statements
            content {
              actions   = statement.value.actions
              resources = statement.value.resources
            }
          }
        }
        resource "terraform_data" "marker" {
          input = 1
        }`,
    });

    expect(checkSchemaNames(config, schema)).toEqual([]);
  });

  it('reports an unknown argument naming the file and the resource', async () => {
    const config = await hcl({ 'infra/modules/queue/main.tf': 'resource "aws_sqs_queue" "dlq" {\n  name = "x"\n  visibility_timeout = 30\n}' });

    expect(checkSchemaNames(config, schema)).toEqual([
      { file: 'infra/modules/queue/main.tf', resource: 'aws_sqs_queue.dlq', message: 'unknown argument or block "visibility_timeout" (not in hashicorp/aws 5.100.0)' },
    ]);
  });

  it('reports an unknown resource type and an unknown data source type', async () => {
    const config = await hcl({ 'infra/main.tf': 'resource "aws_sqs_queues" "q" {}\ndata "aws_iam_policy" "p" {\n  name = "x"\n}\ndata "aws_iam_policy_documents" "d" {}' });

    expect(checkSchemaNames(config, schema).map((f) => [f.resource, f.message])).toEqual([
      ['aws_sqs_queues.q', 'unknown resource type "aws_sqs_queues" (not in hashicorp/aws 5.100.0)'],
      ['data.aws_iam_policy_documents.d', 'unknown data type "aws_iam_policy_documents" (not in hashicorp/aws 5.100.0)'],
    ]);
  });

  it('reports unknown names inside nested and dynamic blocks', async () => {
    const config = await hcl({
      'infra/main.tf': `
        resource "aws_lambda_function" "this" {
          function_name = "f"
          role          = "r"
          tracing_config {
            mode  = "Active"
            level = 1
          }
          dynamic "vpc" {
            for_each = []
            content {}
          }
        }`,
    });

    expect(checkSchemaNames(config, schema).map((f) => f.message)).toEqual([
      'unknown block "vpc" in a dynamic block (not in hashicorp/aws 5.100.0)',
      'unknown argument or block "tracing_config.level" (not in hashicorp/aws 5.100.0)',
    ]);
  });

  it('reports a missing required argument', async () => {
    const config = await hcl({ 'infra/main.tf': 'resource "aws_sns_topic_subscription" "s" {\n  topic_arn = "t"\n  endpoint = "e"\n}' });

    expect(checkSchemaNames(config, schema)).toEqual([
      { file: 'infra/main.tf', resource: 'aws_sns_topic_subscription.s', message: 'missing required argument "protocol"' },
    ]);
  });
});
