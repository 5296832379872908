import { describe, expect, it } from 'vitest';
import { hcl } from '../testing.js';
import { checkExposure } from './exposure.js';

describe('checkExposure', () => {
  it('accepts a private database, group-to-group ingress and a route-scoped permission', async () => {
    const config = await hcl({
      'infra/main.tf': `
        resource "aws_db_instance" "d" {
          publicly_accessible = false
        }
        resource "aws_vpc_security_group_ingress_rule" "r" {
          referenced_security_group_id = aws_security_group.clients.id
        }
        resource "aws_lambda_permission" "p" {
          principal  = "apigateway.amazonaws.com"
          source_arn = "\${aws_apigatewayv2_api.this.execution_arn}/*/GET/letters"
        }`,
    });

    expect(checkExposure(config)).toEqual([]);
  });

  it('reports a public database, open ingress, a public subnet, a "*" principal and an unscoped permission', async () => {
    const config = await hcl({
      'infra/main.tf': `
        resource "aws_db_instance" "d" {
          publicly_accessible = true
        }
        resource "aws_vpc_security_group_ingress_rule" "r" {
          cidr_ipv4 = "0.0.0.0/0"
        }
        resource "aws_security_group" "g" {
          ingress {
            cidr_blocks = ["0.0.0.0/0"]
          }
        }
        resource "aws_subnet" "s" {
          map_public_ip_on_launch = true
        }
        data "aws_iam_policy_document" "queue" {
          statement {
            principals {
              type        = "AWS"
              identifiers = ["*"]
            }
          }
        }
        resource "aws_lambda_permission" "p" {
          principal = "apigateway.amazonaws.com"
        }`,
    });

    expect(checkExposure(config).map((f) => f.resource)).toEqual([
      'aws_db_instance.d',
      'aws_vpc_security_group_ingress_rule.r',
      'aws_security_group.g',
      'aws_subnet.s',
      'data.aws_iam_policy_document.queue',
      'aws_lambda_permission.p',
    ]);
  });
});
