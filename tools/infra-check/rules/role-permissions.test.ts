import { describe, expect, it } from 'vitest';
import { hcl } from '../testing.js';
import { checkRolePermissions } from './role-permissions.js';

const root = (statements: string, kms = '{}') =>
  hcl({
    'infra/main.tf': `
      locals {
        role_statements = {
          ${statements}
        }
        kms_actions = ${kms}
      }`,
  });

const ROLE = 'local.role_statements';

describe('checkRolePermissions', () => {
  it('accepts commands that publish, readers that read one store and a migrator with secrets', async () => {
    const config = await root(`
      command        = [{ sid = "Publish", actions = ["sns:Publish"], resources = [aws_sns_topic.letters.arn] }]
      letters-reader = [{ sid = "Read", actions = ["dynamodb:GetItem", "dynamodb:Query"], resources = [module.letters_table.arn, module.letters_table.index_arns["byChild"]] }]
      migrator       = [{ sid = "Secret", actions = ["secretsmanager:GetSecretValue"], resources = [module.db.secret] }]`);

    expect(checkRolePermissions(config, ['command', 'letters-reader', 'migrator'])).toEqual([]);
  });

  it('accepts commands that also keep idempotency records, count commands and read the letter-id keys', async () => {
    const config = await root(`
      command = [
        { sid = "Publish", actions = ["sns:Publish"], resources = [aws_sns_topic.letters.arn] },
        { sid = "Idempotency", actions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"], resources = [module.idempotency_table.arn] },
        { sid = "Quota", actions = ["dynamodb:UpdateItem"], resources = [module.command_quota_table.arn] },
        { sid = "Keys", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.letter_id_keys.arn] },
      ]`);

    expect(checkRolePermissions(config, ['command'])).toEqual([]);
  });

  it('reports a command role that may do more than publish, or reads a read store', async () => {
    const config = await root(`
      command = [
        { sid = "Publish", actions = ["sns:Publish", "sqs:SendMessage"], resources = [aws_sns_topic.letters.arn] },
        { sid = "Read", actions = ["dynamodb:GetItem"], resources = [module.letters_table.arn] },
      ]`);

    expect(checkRolePermissions(config, ['command']).map((f) => (f.message.split(' (')[0] ?? '').split(':').slice(0, 2).join(':'))).toEqual([
      'statement Publish: a command role may not have "sqs',
      'statement Read: a command role may use DynamoDB on its idempotency and quota tables only, not ${module.letters_table.arn}',
    ]);
  });

  it('reports a reader that writes, reaches two stores, or connects as a writer', async () => {
    const config = await root(`
      letters-reader   = [{ sid = "Read", actions = ["dynamodb:GetItem", "dynamodb:PutItem"], resources = [module.letters_table.arn, module.event_log_table.arn] }]
      analytics-reader = [{ sid = "Connect", actions = ["rds-db:connect"], resources = [module.db.iam_connect_arns["analytics_writer"]] }]`);

    expect(checkRolePermissions(config, ['letters-reader', 'analytics-reader']).map((f) => [f.resource, f.message.split(' (')[0]])).toEqual([
      [`${ROLE}["analytics-reader"]`, 'statement Connect: a reader role may only connect as a read-only'],
      [`${ROLE}["letters-reader"]`, 'statement Read: a reader role may not have "dynamodb:PutItem"'],
      [`${ROLE}["letters-reader"]`, 'a reader role must stay within one store, but its statements reach module.event_log_table, module.letters_table'],
    ]);
  });

  it('accepts a projector that also reads its key set, and a purger that only connects to its database', async () => {
    const config = await root(
      `
      analytics-projector = [
        { sid = "Connect", actions = ["rds-db:connect"], resources = [module.db.iam_connect_arns["analytics_writer"]] },
        { sid = "Keys", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.child_pseudonym_keys.arn] },
      ]
      analytics-purger = [{ sid = "Connect", actions = ["rds-db:connect"], resources = [module.db.iam_connect_arns["analytics_writer"]] }]`,
      '{ analytics-projector = ["kms:Decrypt"], analytics-purger = [] }',
    );

    expect(checkRolePermissions(config, ['analytics-projector', 'analytics-purger'])).toEqual([]);
  });

  it('reports a projector reading a secret that is no key set, and a purger with a queue, a table or a key', async () => {
    const config = await root(
      `
      analytics-projector = [{ sid = "Master", actions = ["secretsmanager:GetSecretValue"], resources = [module.db.master_user_secret_arn] }]
      analytics-purger = [
        { sid = "Connect", actions = ["rds-db:connect"], resources = [module.db.iam_connect_arns["analytics_writer"]] },
        { sid = "Queue", actions = ["sqs:SendMessage"], resources = [aws_sqs_queue.dlq.arn] },
        { sid = "Table", actions = ["dynamodb:DeleteItem"], resources = [module.letters_table.arn] },
      ]`,
      '{ analytics-purger = ["kms:Decrypt"] }',
    );

    expect(checkRolePermissions(config, ['analytics-projector', 'analytics-purger']).map((f) => [f.resource, f.message.split(' (')[0]])).toEqual([
      [`${ROLE}["analytics-projector"]`, 'statement Master: a writer role may read only a key set'],
      [`${ROLE}["analytics-purger"]`, 'statement Queue: a purger role may not have "sqs:SendMessage"'],
      [`${ROLE}["analytics-purger"]`, 'statement Table: a purger role may not have "dynamodb:DeleteItem"'],
      [`${ROLE}["analytics-purger"]`, 'a purger role must stay within one store, but its statements reach aws_sqs_queue.dlq, module.db, module.letters_table'],
      [`${ROLE}["analytics-purger"]`, 'local.kms_actions gives a purger role "kms:Decrypt"'],
    ]);
  });

  it('reports a wiring role without statements, a role of unknown kind and kms use beyond the kind', async () => {
    const config = await root('command = [{ sid = "Publish", actions = ["sns:Publish"], resources = ["arn"] }]', '{ command = ["kms:Encrypt"] }');

    expect(checkRolePermissions(config, ['command', 'letters-projector', 'auditor']).map((f) => f.message.split(':')[0])).toEqual([
      'role "auditor" is of no known kind (command, *-reader, *-projector, *-writer, migrator, *-purger)',
      'local.kms_actions gives a command role "kms',
      'role "letters-projector" of wiring.json has no statements',
    ]);
  });

  it('reports a root module without local.role_statements', async () => {
    const config = await hcl({ 'infra/main.tf': 'locals {\n  x = 1\n}' });

    expect(checkRolePermissions(config, ['command'])).toEqual([
      { file: 'infra/main.tf', resource: 'local.role_statements', message: 'the root module must define local.role_statements as a literal map of role => statements' },
    ]);
  });
});
