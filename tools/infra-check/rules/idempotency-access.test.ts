import { describe, expect, it } from 'vitest';
import { hcl } from '../testing.js';
import { checkIdempotencyAccess } from './idempotency-access.js';

const COMMAND = `command = [
  { sid = "Publish", actions = ["sns:Publish"], resources = [aws_sns_topic.letters.arn] },
  { sid = "Idempotency", actions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"], resources = [module.idempotency_table.arn] },
]`;

const root = (statements: string, environment = '{ command = { IDEMPOTENCY_TABLE_NAME = module.idempotency_table.name } }') =>
  hcl({ 'infra/iam.tf': `locals {\n  role_statements = {\n    ${statements}\n  }\n  role_environment = ${environment}\n}` });

describe('checkIdempotencyAccess', () => {
  it('accepts an idempotency table only the command role reaches', async () => {
    expect(checkIdempotencyAccess(await root(COMMAND))).toEqual([]);
  });

  it('reports a reader reaching the table, a command role that cannot delete, and the table name given to a reader', async () => {
    const config = await root(
      `${COMMAND.replace(', "dynamodb:DeleteItem"', '')}
      letters-reader = [{ sid = "Read", actions = ["dynamodb:GetItem"], resources = [module.letters_table.arn, module.idempotency_table.arn] }]`,
      '{ letters-reader = { IDEMPOTENCY_TABLE_NAME = module.idempotency_table.name } }',
    );

    expect(checkIdempotencyAccess(config)).toEqual([
      { file: 'infra/iam.tf', resource: 'local.role_statements["letters-reader"]', message: 'statement Read reaches the idempotency table, which only command functions may use' },
      { file: 'infra/iam.tf', resource: 'local.role_statements["command"]', message: 'cannot keep idempotency records without dynamodb:DeleteItem on the idempotency table' },
      { file: 'infra/iam.tf', resource: 'local.role_environment["letters-reader"]', message: 'IDEMPOTENCY_TABLE_NAME is for command functions only' },
    ]);
  });

  it('reports a policy outside local.role_statements that names the table', async () => {
    const config = await hcl({
      'infra/main.tf': `locals {\n  role_statements = { ${COMMAND} }\n}`,
      'infra/modules/replay/iam.tf': 'data "aws_iam_policy_document" "replay" {\n  statement {\n    actions   = ["dynamodb:Scan"]\n    resources = [var.idempotency_table_arn]\n  }\n}',
    });

    expect(checkIdempotencyAccess(config)).toEqual([
      { file: 'infra/modules/replay/iam.tf', resource: 'data.aws_iam_policy_document.replay', message: 'names the idempotency table: grant it through local.role_statements["command"] only' },
    ]);
  });
});
