import { bodiesOf, resourcesOf, type Finding, type HclValue, type TfBlock, type TfConfig } from '../hcl-model.js';

const isOff = (value: HclValue | undefined): boolean => value === undefined || value === null || value === false || value === '';

type Check = (resource: TfBlock) => string | null;

const CHECKS: Record<string, Check> = {
  aws_dynamodb_table: (r) => (bodiesOf(r.body.server_side_encryption)[0]?.enabled === true ? null : 'server_side_encryption { enabled = true } is required (add kms_key_arn for a customer managed key)'),
  aws_sqs_queue: (r) =>
    r.body.sqs_managed_sse_enabled === false || (isOff(r.body.sqs_managed_sse_enabled) && isOff(r.body.kms_master_key_id))
      ? 'needs sqs_managed_sse_enabled = true or kms_master_key_id'
      : null,
  aws_sns_topic: (r) => (isOff(r.body.kms_master_key_id) ? 'needs kms_master_key_id (alias/aws/sns or a customer managed key)' : null),
  aws_db_instance: (r) => (r.body.storage_encrypted === true ? null : 'storage_encrypted must be true'),
  aws_rds_cluster: (r) => (r.body.storage_encrypted === true ? null : 'storage_encrypted must be true'),
  aws_db_proxy: (r) => (r.body.require_tls === true ? null : 'require_tls must be true'),
  aws_secretsmanager_secret_version: (r) => (r.body.secret_string !== undefined && !String(r.body.secret_string).includes('ephemeral.') ? 'secret_string keeps the secret in the state: use secret_string_wo or let the service manage it' : null),
};

/** Data at rest is encrypted and connections to the database use TLS; no secret value is stored in the state. */
export const checkEncryption = (config: TfConfig): Finding[] =>
  config.modules.flatMap((module) =>
    Object.entries(CHECKS).flatMap(([type, check]) =>
      resourcesOf(module, type).flatMap((resource) => {
        const problem = check(resource);
        return problem ? [{ file: resource.file.path, resource: resource.address, message: problem }] : [];
      }),
    ),
  );

/** No plain-text password argument on a database: RDS manages the master secret. */
export const checkNoPlainPasswords = (config: TfConfig): Finding[] =>
  config.modules.flatMap((module) =>
    [...resourcesOf(module, 'aws_db_instance'), ...resourcesOf(module, 'aws_rds_cluster')].flatMap((db) => {
      const findings: Finding[] = [];
      if (db.body.password !== undefined || db.body.master_password !== undefined) findings.push({ file: db.file.path, resource: db.address, message: 'a password argument puts the secret in the state: use manage_master_user_password = true' });
      if (db.body.manage_master_user_password !== true) findings.push({ file: db.file.path, resource: db.address, message: 'manage_master_user_password must be true (RDS keeps the master password in Secrets Manager)' });
      return findings;
    }),
  );
