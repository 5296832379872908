import { changeKind } from './changes.js';
import { asList, iamChanges } from './iam-changes.js';
import type { Attributes, PlanJson } from './plan-json.js';

/** A change a reviewer must look at twice. */
export interface Risk {
  address: string;
  message: string;
}

type Check = (before: Attributes | null, after: Attributes) => string | null;

const first = (value: unknown): Attributes | undefined => (Array.isArray(value) ? value[0] : value) as Attributes | undefined;
const OPEN = new Set(['0.0.0.0/0', '::/0']);
const STATEFUL = new Set([
  'aws_dynamodb_table',
  'aws_db_instance',
  'aws_rds_cluster',
  'aws_s3_bucket',
  'aws_sqs_queue',
  'aws_secretsmanager_secret',
  'aws_kms_key',
  'aws_cloudwatch_log_group',
  'aws_efs_file_system',
  'aws_cognito_user_pool',
]);

/** A check that a safety property is kept: flags a create without it, or an update that turns it off. */
const kept =
  (what: string, isOn: (v: Attributes | null) => boolean): Check =>
  (before, after) => {
    if (isOn(after)) return null;
    if (before === null) return `is created without ${what}`;
    return isOn(before) ? `turns off ${what}` : null;
  };

const sqsEncrypted = (v: Attributes | null): boolean => v?.sqs_managed_sse_enabled === true || Boolean(v?.kms_master_key_id);

const openCidrs = (cidrs: unknown[]): string[] => cidrs.filter((c): c is string => typeof c === 'string' && OPEN.has(c));

/** Each check: (before, after) => message or null; `before` is null for a create. */
const CHECKS: Record<string, Check[]> = {
  aws_dynamodb_table: [
    // Without the block DynamoDB still encrypts with an AWS owned key; only an explicit "false" after "true" loses the chosen key.
    (b, a) => (first(a?.server_side_encryption)?.enabled === false && first(b?.server_side_encryption)?.enabled === true ? 'turns off encryption with its KMS key' : null),
    kept('deletion protection', (v) => v?.deletion_protection_enabled === true),
    kept('point-in-time recovery', (v) => first(v?.point_in_time_recovery)?.enabled === true),
    // Retention rests on TTL: without it expired children's data stays in the table.
    (b, a) => (first(b?.ttl)?.enabled === true && first(a?.ttl)?.enabled !== true ? `turns off TTL on ${String(first(b?.ttl)?.attribute_name)}: expired items would be kept` : null),
  ],
  aws_scheduler_schedule: [(_b, a) => (a?.state === 'DISABLED' ? 'disables the schedule: the function it runs (such as the purge of expired data) stops running' : null)],
  aws_db_instance: [
    kept('storage encryption', (v) => v?.storage_encrypted === true),
    kept('deletion protection', (v) => v?.deletion_protection === true),
    kept('automated backups', (v) => v?.backup_retention_period > 0),
    kept('a final snapshot on delete', (v) => v?.skip_final_snapshot !== true),
    (_b, a) => (a?.publicly_accessible === true ? 'makes the database publicly accessible' : null),
  ],
  aws_rds_cluster: [kept('storage encryption', (v) => v?.storage_encrypted === true), kept('deletion protection', (v) => v?.deletion_protection === true)],
  aws_db_proxy: [kept('required TLS', (v) => v?.require_tls === true)],
  aws_cognito_user_pool: [kept('deletion protection', (v) => v?.deletion_protection === 'ACTIVE')],
  aws_apigatewayv2_route: [(_b, a) => (a?.authorization_type !== 'JWT' ? `leaves route ${a?.route_key ?? ''} without the JWT authorizer` : null)],
  aws_sqs_queue: [kept('encryption at rest', sqsEncrypted)],
  aws_sns_topic: [kept('encryption at rest', (v) => Boolean(v?.kms_master_key_id))],
  aws_cloudwatch_log_group: [
    (b, a) => (b?.kms_key_id && !a?.kms_key_id ? 'turns off encryption with its KMS key' : null),
    kept('a retention (logs kept forever)', (v) => v?.retention_in_days > 0),
  ],
  aws_vpc_security_group_ingress_rule: [(_b, a) => (OPEN.has(a?.cidr_ipv4) || OPEN.has(a?.cidr_ipv6) ? `opens ingress from ${a.cidr_ipv4 ?? a.cidr_ipv6}` : null)],
  aws_security_group_rule: [
    (_b, a) => {
      const open = openCidrs([...asList(a?.cidr_blocks), ...asList(a?.ipv6_cidr_blocks)]);
      return a?.type === 'ingress' && open.length > 0 ? `opens ingress from ${open.join(', ')}` : null;
    },
  ],
  aws_security_group: [
    (_b, a) => {
      const open = openCidrs(asList<Attributes>(a?.ingress).flatMap((i) => [...asList(i.cidr_blocks), ...asList(i.ipv6_cidr_blocks)]));
      return open.length > 0 ? `opens ingress from ${[...new Set(open)].join(', ')}` : null;
    },
  ],
  aws_subnet: [(_b, a) => (a?.map_public_ip_on_launch === true ? 'gives instances public IPs' : null)],
  aws_lambda_function_url: [(_b, a) => (a?.authorization_type === 'NONE' ? 'makes the function callable by anyone' : null)],
  aws_lambda_permission: [(_b, a) => (a?.principal === '*' ? 'lets anyone invoke the function' : null)],
  aws_s3_bucket_public_access_block: [
    (_b, a) => (['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'].some((k) => a?.[k] === false) ? 'allows public access to the bucket' : null),
  ],
};

const dedupe = (items: Risk[]): Risk[] => {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = `${i.address}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/** Risky changes: encryption, deletion protection or PITR off, open ingress, public exposure, wildcard grants, data destroyed. */
export const findRisks = (plan: PlanJson): Risk[] => {
  const risks: Risk[] = [];
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode !== 'managed') continue;
    const kind = changeKind(rc.change?.actions ?? []);
    if ((kind === 'delete' || kind === 'replace') && STATEFUL.has(rc.type)) {
      risks.push({ address: rc.address, message: `${kind === 'delete' ? 'destroys' : 'replaces'} a stateful ${rc.type}: its data is lost` });
    }
    if (!['create', 'update', 'replace'].includes(kind)) continue;
    const before = kind === 'create' ? null : (rc.change.before ?? null);
    for (const check of CHECKS[rc.type] ?? []) {
      const message = check(before, rc.change.after ?? {});
      if (message) risks.push({ address: rc.address, message });
    }
  }
  for (const change of iamChanges(plan)) {
    for (const grant of change.grants) {
      if (grant.action.includes('*')) risks.push({ address: change.address, message: `grants wildcard action ${grant.action}` });
      if (grant.resource === '*' && change.address.includes('aws_iam')) risks.push({ address: change.address, message: `grants ${grant.action} on Resource "*"` });
      if (grant.principal === '*' && !grant.condition) risks.push({ address: change.address, message: `grants ${grant.action} to any principal ("*") without a condition` });
    }
  }
  return dedupe(risks);
};
