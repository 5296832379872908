import { describe, expect, it } from 'vitest';
import { hcl } from '../testing.js';
import { checkIamActions } from './iam-actions.js';

describe('checkIamActions', () => {
  it('accepts named actions', async () => {
    const config = await hcl({ 'infra/main.tf': 'data "aws_iam_policy_document" "p" {\n  statement {\n    actions = ["sqs:ReceiveMessage", "sqs:DeleteMessage"]\n    resources = ["arn"]\n  }\n}' });

    expect(checkIamActions(config)).toEqual([]);
  });

  it('reports a wildcard action in a policy document', async () => {
    const config = await hcl({ 'infra/modules/q/main.tf': 'data "aws_iam_policy_document" "consume" {\n  statement {\n    actions = ["sqs:*"]\n    resources = ["arn"]\n  }\n}' });

    expect(checkIamActions(config)).toEqual([
      { file: 'infra/modules/q/main.tf', resource: 'data.aws_iam_policy_document.consume', message: 'IAM action "sqs:*" is a wildcard: name each action the role needs' },
    ]);
  });

  it('reports wildcards in statements passed as values and in jsonencode()d policies', async () => {
    const config = await hcl({
      'infra/main.tf': `
        locals {
          role_statements = {
            command = [{ sid = "Publish", actions = ["sns:Publish*"], resources = ["arn"] }]
          }
        }
        resource "aws_iam_role_policy" "p" {
          role = "r"
          policy = jsonencode({
            Statement = [{ Effect = "Allow", Action = ["dynamodb:Get*"], Resource = "arn" }]
          })
        }`,
    });

    expect(checkIamActions(config).map((f) => [f.resource, f.message.split(':')[0]])).toEqual([
      ['local.role_statements', 'IAM action "sns'],
      ['aws_iam_role_policy.p', 'IAM action "dynamodb'],
    ]);
  });
});
