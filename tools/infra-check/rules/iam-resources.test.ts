import { describe, expect, it } from 'vitest';
import { hcl } from '../testing.js';
import { checkIamStarResources } from './iam-resources.js';

describe('checkIamStarResources', () => {
  it('accepts "*" when the line before justifies it', async () => {
    const config = await hcl({
      'infra/main.tf': 'data "aws_iam_policy_document" "p" {\n  statement {\n    actions = ["xray:PutTraceSegments"]\n    # iam-resource-star: X-Ray has no resource-level permissions.\n    resources = ["*"]\n  }\n}',
    });

    expect(checkIamStarResources(config)).toEqual([]);
  });

  it('reports "*" without a justification, naming file, resource and line', async () => {
    const config = await hcl({
      'infra/modules/f/main.tf': 'data "aws_iam_policy_document" "this" {\n  statement {\n    actions = ["dynamodb:GetItem"]\n    resources = ["*"]\n  }\n}',
    });

    expect(checkIamStarResources(config)).toEqual([
      { file: 'infra/modules/f/main.tf', resource: 'data.aws_iam_policy_document.this', message: expect.stringContaining('line 4 grants Resource "*"') },
    ]);
  });

  it('reports Resource "*" in a jsonencode()d policy and a justification too short to say why', async () => {
    const config = await hcl({
      'infra/main.tf': 'resource "aws_iam_role_policy" "p" {\n  role = "r"\n  policy = jsonencode({\n    Statement = [{\n      Action = "sns:Publish"\n      # iam-resource-star: ok\n      Resource = "*"\n    }]\n  })\n}',
    });

    expect(checkIamStarResources(config).map((f) => f.resource)).toEqual(['aws_iam_role_policy.p']);
  });
});
