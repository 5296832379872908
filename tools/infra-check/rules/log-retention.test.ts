import { describe, expect, it } from 'vitest';
import { hcl } from '../testing.js';
import { checkLogRetention } from './log-retention.js';

const FILE = 'infra/modules/lambda-function/main.tf';

describe('checkLogRetention', () => {
  it('accepts a function logging to its log group with a retention', async () => {
    const config = await hcl({
      [FILE]: `
        resource "aws_cloudwatch_log_group" "this" {
          name              = "/aws/lambda/\${var.name}"
          retention_in_days = var.log_retention_days
        }
        resource "aws_lambda_function" "this" {
          function_name = var.name
          logging_config {
            log_format = "JSON"
            log_group  = aws_cloudwatch_log_group.this.name
          }
        }`,
    });

    expect(checkLogRetention(config)).toEqual([]);
  });

  it('reports a log group without retention and a function without a log group', async () => {
    const config = await hcl({
      [FILE]: `
        resource "aws_cloudwatch_log_group" "access" {
          name = "/aws/apigateway/x"
        }
        resource "aws_lambda_function" "this" {
          function_name = var.name
        }`,
    });

    expect(checkLogRetention(config).map((f) => [f.file, f.resource, f.message.split(':')[0]])).toEqual([
      [FILE, 'aws_cloudwatch_log_group.access', 'retention_in_days must be set (0 or unset keeps logs forever)'],
      [FILE, 'aws_lambda_function.this', 'needs a log group with a retention in its module'],
    ]);
  });
});
