import { describe, expect, it } from 'vitest';
import { hcl } from '../testing.js';
import { checkAwsRules } from './aws-rules.js';

const FILE = 'infra/modules/x/main.tf';

describe('checkAwsRules', () => {
  it('accepts a role prefix of at most 38 characters, JSON logs with their level and a source ARN with *', async () => {
    const config = await hcl({
      [FILE]: `
        resource "aws_iam_role" "proxy" {
          name_prefix = "\${substr(var.name, 0, 31)}-proxy-"
        }
        resource "aws_lambda_function" "this" {
          logging_config {
            log_format            = "JSON"
            log_group             = aws_cloudwatch_log_group.this.name
            application_log_level = var.log_level
          }
        }
        resource "aws_lambda_permission" "this" {
          principal  = "apigateway.amazonaws.com"
          source_arn = "\${aws_apigatewayv2_api.this.execution_arn}/*/GET/letters/*"
        }`,
    });

    expect(checkAwsRules(config)).toEqual([]);
  });

  it('reports a 39-character role prefix, JSON logs without a level and a literal {letterId}', async () => {
    const config = await hcl({
      [FILE]: `
        resource "aws_iam_role" "proxy" {
          name_prefix = "\${substr(var.name, 0, 32)}-proxy-"
        }
        resource "aws_lambda_function" "this" {
          logging_config {
            log_format = "JSON"
            log_group  = aws_cloudwatch_log_group.this.name
          }
        }
        resource "aws_lambda_permission" "this" {
          principal  = "apigateway.amazonaws.com"
          source_arn = "\${aws_apigatewayv2_api.this.execution_arn}/*/GET/letters/{letterId}"
        }`,
    });

    expect(checkAwsRules(config).map((f) => [f.resource, f.message.split(':')[0]])).toEqual([
      ['aws_iam_role.proxy', 'name_prefix can reach 39 characters; IAM allows 38 (64 less the 26 Terraform appends)'],
      ['aws_lambda_function.this', 'logs JSON without application_log_level'],
      ['aws_lambda_permission.this', 'source_arn keeps a {path parameter} literally'],
    ]);
  });
});
