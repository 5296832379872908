// Pure functions behind cli.ts: they read the JSON of a saved plan
// (`terraform show -json plan.tfplan`) and never print a sensitive value.

/** What a resource change does: create, update, replace, delete, read or no-op. */
export const changeKind = (actions) => {
  const set = new Set(actions);
  if (set.has('delete') && set.has('create')) return 'replace';
  if (set.has('create')) return 'create';
  if (set.has('delete')) return 'delete';
  if (set.has('update')) return 'update';
  if (set.has('read')) return 'read';
  if (set.has('forget')) return 'forget';
  return 'no-op';
};

const SYMBOL = { create: '+', update: '~', replace: '-/+', delete: '-', read: '<=', forget: '.' };

const rootLabel = 'root module';

/** The module source of a module address, from the plan's configuration (`./modules/queue-consumer`). */
const moduleSource = (plan, moduleAddress) => {
  if (!moduleAddress) return null;
  let calls = plan.configuration?.root_module?.module_calls ?? {};
  let source = null;
  for (const [, name] of moduleAddress.matchAll(/module\.([A-Za-z0-9_-]+)(?:\[[^\]]*\])?/gu)) {
    const call = calls[name];
    if (!call) return null;
    source = call.source ?? null;
    calls = call.module?.module_calls ?? {};
  }
  return source;
};

/** Attributes whose value differs between before and after (top level), with those forcing replacement. */
const changedAttributes = (change) => {
  const before = change.before ?? {};
  const after = change.after ?? {};
  const unknown = change.after_unknown ?? {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(unknown)]);
  return [...keys].filter((k) => k !== 'tags_all' && (unknown[k] === true || JSON.stringify(before[k]) !== JSON.stringify(after[k]))).sort();
};

/** Managed-resource changes grouped by module address: `{ module, source, changes: [{ address, kind, attributes, replaceBecause }] }`. */
export const groupChanges = (plan) => {
  const groups = new Map();
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode !== 'managed') continue;
    const kind = changeKind(rc.change?.actions ?? []);
    if (kind === 'no-op' || kind === 'read') continue;
    const module = rc.module_address ?? rootLabel;
    if (!groups.has(module)) groups.set(module, { module, source: moduleSource(plan, rc.module_address), changes: [] });
    const local = rc.module_address ? rc.address.slice(rc.module_address.length + 1) : rc.address;
    groups.get(module).changes.push({
      address: local,
      kind,
      attributes: kind === 'update' ? changedAttributes(rc.change) : [],
      replaceBecause: kind === 'replace' ? (rc.change.replace_paths ?? []).map((p) => p.join('.')).sort() : [],
    });
  }
  return [...groups.values()].sort((a, b) => (a.module === rootLabel ? -1 : b.module === rootLabel ? 1 : a.module.localeCompare(b.module)));
};

/** Counts per kind of change. */
export const countChanges = (plan) => {
  const counts = { create: 0, update: 0, replace: 0, delete: 0 };
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode !== 'managed') continue;
    const kind = changeKind(rc.change?.actions ?? []);
    if (kind in counts) counts[kind] += 1;
  }
  return counts;
};

// --- IAM ------------------------------------------------------------------

const POLICY_ATTRIBUTES = {
  aws_iam_role_policy: ['policy'],
  aws_iam_policy: ['policy'],
  aws_iam_user_policy: ['policy'],
  aws_iam_group_policy: ['policy'],
  aws_iam_role: ['assume_role_policy'],
  aws_sqs_queue_policy: ['policy'],
  aws_sns_topic_policy: ['policy'],
  aws_s3_bucket_policy: ['policy'],
  aws_kms_key: ['policy'],
  aws_secretsmanager_secret_policy: ['policy'],
  aws_lambda_permission: [],
};

const asList = (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

const parsePolicy = (text) => {
  if (typeof text !== 'string' || text === '') return [];
  try {
    return asList(JSON.parse(text).Statement);
  } catch {
    return [];
  }
};

const principalsOf = (statement) => {
  const p = statement.Principal ?? statement.NotPrincipal;
  if (p === undefined) return [''];
  if (typeof p === 'string') return [p === '*' ? '*' : p];
  return Object.entries(p).flatMap(([type, ids]) => asList(ids).map((id) => (id === '*' ? '*' : `${type}:${id}`)));
};

/** Every (effect, principal, action, resource, condition) grant of a policy document. */
export const grantsOf = (policyText) =>
  parsePolicy(policyText).flatMap((s) => {
    const condition = s.Condition ? JSON.stringify(s.Condition) : '';
    const actions = asList(s.Action ?? s.NotAction).map((a) => (s.NotAction ? `NOT ${a}` : a));
    const resources = s.Resource === undefined && s.NotResource === undefined ? [''] : asList(s.Resource ?? s.NotResource).map((r) => (s.NotResource ? `NOT ${r}` : r));
    return principalsOf(s).flatMap((principal) =>
      actions.flatMap((action) => resources.map((resource) => ({ sid: s.Sid ?? '', effect: s.Effect ?? 'Allow', principal, action, resource, condition }))),
    );
  });

const grantKey = (g) => [g.effect, g.principal, g.action, g.resource, g.condition].join('\u0000');

const lambdaPermissionGrant = (value) =>
  value
    ? [{ sid: value.statement_id ?? '', effect: 'Allow', principal: value.principal ?? '', action: value.action ?? '', resource: value.function_name ?? '', condition: value.source_arn ? `SourceArn ${value.source_arn}` : '' }]
    : [];

/**
 * IAM grants a plan adds: `{ address, kind: 'added' | 'widened' | 'unknown', grants }`.
 * "widened" is an existing policy that gains grants (a new action, resource or principal, or a dropped condition).
 */
export const iamChanges = (plan) => {
  const found = [];
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode !== 'managed' || !(rc.type in POLICY_ATTRIBUTES)) continue;
    const kind = changeKind(rc.change?.actions ?? []);
    if (!['create', 'update', 'replace'].includes(kind)) continue;
    const { before, after, after_unknown: unknown = {} } = rc.change;
    if (rc.type === 'aws_lambda_permission') {
      const beforeKeys = new Set(lambdaPermissionGrant(before).map(grantKey));
      const grants = lambdaPermissionGrant(after).filter((g) => !beforeKeys.has(grantKey(g)));
      if (grants.length > 0) found.push({ address: rc.address, kind: before ? 'widened' : 'added', grants });
      continue;
    }
    for (const attribute of POLICY_ATTRIBUTES[rc.type]) {
      if (unknown[attribute] === true) {
        found.push({ address: rc.address, kind: 'unknown', attribute, grants: [] });
        continue;
      }
      const beforeKeys = new Set(grantsOf(before?.[attribute]).map(grantKey));
      const grants = grantsOf(after?.[attribute]).filter((g) => g.effect === 'Allow' && !beforeKeys.has(grantKey(g)));
      if (grants.length > 0) found.push({ address: rc.address, kind: beforeKeys.size > 0 ? 'widened' : 'added', attribute, grants });
    }
  }
  return found;
};

// --- risks -----------------------------------------------------------------

const first = (value) => (Array.isArray(value) ? value[0] : value);
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
]);

/** A check that a safety property is kept: flags a create without it, or an update that turns it off. */
const kept = (what, isOn) => (before, after) => {
  if (isOn(after)) return null;
  if (before === null) return `is created without ${what}`;
  return isOn(before) ? `turns off ${what}` : null;
};

const sqsEncrypted = (v) => v?.sqs_managed_sse_enabled === true || Boolean(v?.kms_master_key_id);

/** Each check: (before, after) => message or null; `before` is null for a create. */
const CHECKS = {
  aws_dynamodb_table: [
    // Without the block DynamoDB still encrypts with an AWS owned key; only an explicit "false" after "true" loses the chosen key.
    (b, a) => (first(a?.server_side_encryption)?.enabled === false && first(b?.server_side_encryption)?.enabled === true ? 'turns off encryption with its KMS key' : null),
    kept('deletion protection', (v) => v?.deletion_protection_enabled === true),
    kept('point-in-time recovery', (v) => first(v?.point_in_time_recovery)?.enabled === true),
  ],
  aws_db_instance: [
    kept('storage encryption', (v) => v?.storage_encrypted === true),
    kept('deletion protection', (v) => v?.deletion_protection === true),
    kept('automated backups', (v) => v?.backup_retention_period > 0),
    kept('a final snapshot on delete', (v) => v?.skip_final_snapshot !== true),
    (b, a) => (a?.publicly_accessible === true ? 'makes the database publicly accessible' : null),
  ],
  aws_rds_cluster: [kept('storage encryption', (v) => v?.storage_encrypted === true), kept('deletion protection', (v) => v?.deletion_protection === true)],
  aws_db_proxy: [kept('required TLS', (v) => v?.require_tls === true)],
  aws_sqs_queue: [kept('encryption at rest', sqsEncrypted)],
  aws_sns_topic: [kept('encryption at rest', (v) => Boolean(v?.kms_master_key_id))],
  aws_cloudwatch_log_group: [
    (b, a) => (b?.kms_key_id && !a?.kms_key_id ? 'turns off encryption with its KMS key' : null),
    kept('a retention (logs kept forever)', (v) => v?.retention_in_days > 0),
  ],
  aws_vpc_security_group_ingress_rule: [(b, a) => (OPEN.has(a?.cidr_ipv4) || OPEN.has(a?.cidr_ipv6) ? `opens ingress from ${a.cidr_ipv4 ?? a.cidr_ipv6}` : null)],
  aws_security_group_rule: [
    (b, a) => {
      const open = [...asList(a?.cidr_blocks), ...asList(a?.ipv6_cidr_blocks)].filter((c) => OPEN.has(c));
      return a?.type === 'ingress' && open.length > 0 ? `opens ingress from ${open.join(', ')}` : null;
    },
  ],
  aws_security_group: [
    (b, a) => {
      const open = asList(a?.ingress).flatMap((i) => [...asList(i.cidr_blocks), ...asList(i.ipv6_cidr_blocks)]).filter((c) => OPEN.has(c));
      return open.length > 0 ? `opens ingress from ${[...new Set(open)].join(', ')}` : null;
    },
  ],
  aws_subnet: [(b, a) => (a?.map_public_ip_on_launch === true ? 'gives instances public IPs' : null)],
  aws_lambda_function_url: [(b, a) => (a?.authorization_type === 'NONE' ? 'makes the function callable by anyone' : null)],
  aws_lambda_permission: [(b, a) => (a?.principal === '*' ? 'lets anyone invoke the function' : null)],
  aws_s3_bucket_public_access_block: [
    (b, a) => (['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'].some((k) => a?.[k] === false) ? 'allows public access to the bucket' : null),
  ],
};

/** Risky changes: `{ address, message }` for encryption, deletion protection or PITR off, open ingress, public exposure, wildcard grants, data destroyed. */
export const findRisks = (plan) => {
  const risks = [];
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode !== 'managed') continue;
    const kind = changeKind(rc.change?.actions ?? []);
    if (kind === 'delete' || kind === 'replace') {
      if (STATEFUL.has(rc.type)) risks.push({ address: rc.address, message: `${kind === 'delete' ? 'destroys' : 'replaces'} a stateful ${rc.type}: its data is lost` });
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

const dedupe = (items) => {
  const seen = new Set();
  return items.filter((i) => {
    const key = `${i.address}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

// --- text ------------------------------------------------------------------

const describeGrants = (grants) => {
  // Actions per resource, then resources sharing the same actions, per statement.
  const byResource = new Map();
  for (const g of grants) {
    const key = [g.sid, g.effect, g.principal, g.condition, g.resource].join('\u0000');
    if (!byResource.has(key)) byResource.set(key, { ...g, actions: new Set() });
    byResource.get(key).actions.add(g.action);
  }
  const byActions = new Map();
  for (const entry of byResource.values()) {
    const actions = [...entry.actions].sort();
    const key = [entry.sid, entry.effect, entry.principal, entry.condition, actions.join(',')].join('\u0000');
    if (!byActions.has(key)) byActions.set(key, { ...entry, actions, resources: [] });
    if (entry.resource) byActions.get(key).resources.push(entry.resource);
  }
  return [...byActions.values()].map(
    (s) =>
      `${s.effect} ${s.actions.join(', ')}${s.resources.length > 0 ? ` on ${s.resources.join(', ')}` : ''}${s.principal ? ` to ${s.principal}` : ''}${s.condition ? ` when ${s.condition}` : ''}${s.sid ? ` [${s.sid}]` : ''}`,
  );
};

/** The review as text: counts, changes by module, IAM grants added or widened, risks. */
export const formatReview = (plan) => {
  const counts = countChanges(plan);
  const lines = [`Plan: ${counts.create} to add, ${counts.update} to change, ${counts.replace} to replace, ${counts.delete} to destroy.`];
  const groups = groupChanges(plan);
  if (groups.length === 0) lines.push('', 'No resource changes.');
  for (const group of groups) {
    lines.push('', `${group.module}${group.source ? ` (${group.source})` : ''}`);
    for (const change of group.changes) {
      const detail = change.kind === 'update' && change.attributes.length > 0 ? `  [${change.attributes.join(', ')}]` : change.kind === 'replace' && change.replaceBecause.length > 0 ? `  [forced by ${change.replaceBecause.join(', ')}]` : '';
      lines.push(`  ${SYMBOL[change.kind].padEnd(3)} ${change.address}${detail}`);
    }
  }
  const iam = iamChanges(plan);
  lines.push('', iam.length === 0 ? 'IAM: no grants added or widened.' : 'IAM grants added or widened:');
  for (const change of iam) {
    if (change.kind === 'unknown') {
      lines.push(`  ? ${change.address}: ${change.attribute} known only after apply — review it in the config`);
      continue;
    }
    for (const text of describeGrants(change.grants)) lines.push(`  ${change.kind === 'added' ? '+' : '^'} ${change.address}: ${text}`);
  }
  const risks = findRisks(plan);
  lines.push('', risks.length === 0 ? 'Risks: none found.' : `Risks (${risks.length}):`);
  for (const risk of risks) lines.push(`  ! ${risk.address}: ${risk.message}`);
  return lines.join('\n');
};
