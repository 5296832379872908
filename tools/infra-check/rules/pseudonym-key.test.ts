import { describe, expect, it } from 'vitest';
import { hcl } from '../testing.js';
import { checkPseudonymKeyAccess } from './pseudonym-key.js';

const PROJECTOR = `analytics-projector = [
  { sid = "Connect", actions = ["rds-db:connect"], resources = [module.analytics_database.iam_connect_arns["analytics_writer"]] },
  { sid = "Keys", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.child_pseudonym_keys.arn] },
]`;
const GENERATED = '{ "letter-id" = aws_secretsmanager_secret.letter_id_keys.arn, "child-pseudonym" = aws_secretsmanager_secret.child_pseudonym_keys.arn }';
const ENVIRONMENT = '{ analytics-projector = { CHILD_PSEUDONYM_KEYS_SECRET_ARN = aws_secretsmanager_secret.child_pseudonym_keys.arn } }';

const root = (statements: string, environment = ENVIRONMENT, generated = GENERATED, extra: Record<string, string> = {}) =>
  hcl({
    'infra/iam.tf': `locals {\n  role_statements = {\n    ${statements}\n  }\n}`,
    'infra/main.tf': `locals {\n  generated_key_secrets = ${generated}\n  role_environment = ${environment}\n}`,
    ...extra,
  });

describe('checkPseudonymKeyAccess', () => {
  it('accepts a key only the analytics projector reads and migrate fills', async () => {
    expect(checkPseudonymKeyAccess(await root(PROJECTOR))).toEqual([]);
  });

  it('reports another role reaching the key, a projector that may write it or has lost it, the key not filled and its ARN given elsewhere', async () => {
    const config = await root(
      `analytics-projector = [{ sid = "Keys", actions = ["secretsmanager:PutSecretValue"], resources = [aws_secretsmanager_secret.child_pseudonym_keys.arn] }]
      analytics-reader = [{ sid = "Peek", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.child_pseudonym_keys.arn] }]`,
      '{ analytics-reader = { CHILD_PSEUDONYM_KEYS_SECRET_ARN = aws_secretsmanager_secret.child_pseudonym_keys.arn } }',
      '{ "letter-id" = aws_secretsmanager_secret.letter_id_keys.arn }',
    );

    expect(checkPseudonymKeyAccess(config)).toEqual([
      { file: 'infra/iam.tf', resource: 'local.role_statements["analytics-projector"]', message: 'statement Keys may secretsmanager:PutSecretValue on the child-pseudonym key: the projector only reads it' },
      { file: 'infra/iam.tf', resource: 'local.role_statements["analytics-reader"]', message: 'statement Peek reaches the child-pseudonym key, which only the analytics projector may read' },
      { file: 'infra/iam.tf', resource: 'local.role_statements["analytics-projector"]', message: 'cannot pseudonymise children without secretsmanager:GetSecretValue on the child-pseudonym key' },
      { file: 'infra/main.tf', resource: 'local.generated_key_secrets', message: 'needs "child-pseudonym" = the child-pseudonym key secret, or migrate never fills it' },
      { file: 'infra/main.tf', resource: 'local.role_environment["analytics-reader"]', message: 'CHILD_PSEUDONYM_KEYS_SECRET_ARN is for the analytics projector only: set it in local.role_environment["analytics-projector"]' },
    ]);
  });

  it('reports the ARN in another environment map and a policy outside local.role_statements that names the key', async () => {
    const config = await root(PROJECTOR, ENVIRONMENT, GENERATED, {
      'infra/extra.tf': `locals {\n  function_environment = { top-toys = { CHILD_PSEUDONYM_KEYS_SECRET_ARN = aws_secretsmanager_secret.child_pseudonym_keys.arn } }\n}
data "aws_iam_policy_document" "debug" {\n  statement {\n    actions   = ["secretsmanager:GetSecretValue"]\n    resources = [aws_secretsmanager_secret.child_pseudonym_keys.arn]\n  }\n}`,
    });

    expect(checkPseudonymKeyAccess(config)).toEqual([
      { file: 'infra/extra.tf', resource: 'local.function_environment', message: 'CHILD_PSEUDONYM_KEYS_SECRET_ARN is for the analytics projector only: set it in local.role_environment["analytics-projector"]' },
      { file: 'infra/extra.tf', resource: 'data.aws_iam_policy_document.debug', message: 'names the child-pseudonym key: grant it through local.role_statements["analytics-projector"] only' },
    ]);
  });
});
