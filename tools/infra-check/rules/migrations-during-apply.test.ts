import { describe, expect, it } from 'vitest';
import { hcl } from '../testing.js';
import { checkMigrationsDuringApply } from './migrations-during-apply.js';

const FILE = 'infra/migrations.tf';

const migrations = ({ dependsOn = 'depends_on = [module.analytics_database]', trigger = 'migrations = local.migrations_checksum' } = {}) => `
  locals {
    migration_files     = fileset("\${path.module}/../shared/migrations", "*.sql")
    migrations_checksum = sha256(join("", [for f in local.migration_files : filesha256("\${path.module}/../shared/migrations/\${f}")]))
  }
  resource "aws_lambda_invocation" "migrate" {
    function_name = module.function["migrate"].function_name
    input         = jsonencode({})
    triggers      = { ${trigger} }
    ${dependsOn}
  }`;

describe('checkMigrationsDuringApply', () => {
  it('accepts an invocation of migrate after the database, following the migrations checksum', async () => {
    expect(checkMigrationsDuringApply(await hcl({ [FILE]: migrations() }))).toEqual([]);
  });

  it('reports an invocation that may run before the database and ignores changed migrations', async () => {
    const findings = checkMigrationsDuringApply(await hcl({ [FILE]: migrations({ dependsOn: '', trigger: 'code = module.function["migrate"].source_code_hash' }) }));

    expect(findings.map((f) => [f.resource, f.message.split(':')[0]])).toEqual([
      ['aws_lambda_invocation.migrate', 'must run after the database and its proxy target'],
      ['aws_lambda_invocation.migrate', 'triggers must follow the checksums of the SQL migrations (filesha256 over fileset), or a changed migration never runs'],
    ]);
  });

  it('reports key secrets migrate fills whose replacement would not re-run it', async () => {
    const keys = 'locals {\n  generated_key_secrets = { "child-pseudonym" = aws_secretsmanager_secret.child_pseudonym_keys.arn }\n}';

    expect(checkMigrationsDuringApply(await hcl({ [FILE]: migrations(), 'infra/main.tf': keys }))).toEqual([
      { file: FILE, resource: 'aws_lambda_invocation.migrate', message: 'triggers must follow local.generated_key_secrets, or a replaced key secret stays empty until the next migration' },
    ]);
    expect(checkMigrationsDuringApply(await hcl({ [FILE]: migrations({ trigger: 'migrations = local.migrations_checksum\n keys = jsonencode(local.generated_key_secrets)' }), 'infra/main.tf': keys }))).toEqual([]);
  });

  it('reports a root module that never runs migrate', async () => {
    expect(checkMigrationsDuringApply(await hcl({ 'infra/main.tf': 'locals {\n  name = "x"\n}' }))).toEqual([
      { file: 'infra/main.tf', resource: 'aws_lambda_invocation', message: expect.stringContaining('no aws_lambda_invocation of the migrate function') },
    ]);
  });
});
