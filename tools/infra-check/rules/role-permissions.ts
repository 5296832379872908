import { bodiesOf, isBody, localsOf, moduleAt, stringsOf, type Finding, type HclValue, type TfConfig } from '../hcl-model.js';

/** What a function role may do, by the kind of role its name says it is. */
interface RolePolicy {
  kind: string;
  actions: ReadonlySet<string>;
  kmsActions: ReadonlySet<string>;
  singleStore: boolean;
  /** Where the role's DynamoDB actions may point (a command reads no read store). */
  dynamodbResources?: RegExp;
  /** Where the role's Secrets Manager actions may point (a projector reads only a key set). */
  secretResources?: RegExp;
}

// A key set the code reads at cold start (aws_secretsmanager_secret.<purpose>_keys): not a store.
const KEY_SECRET = /^\$\{aws_secretsmanager_secret\.[a-z0-9_]+_keys\.arn\}$/u;

const DATA_KEY = new Set(['kms:Decrypt', 'kms:GenerateDataKey']);
const DECRYPT = new Set(['kms:Decrypt']);

const POLICIES: RolePolicy[] = [
  {
    kind: 'command',
    actions: new Set(['sns:Publish', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'secretsmanager:GetSecretValue']),
    kmsActions: DATA_KEY,
    singleStore: false,
    // Write-side state of its own: the idempotency records and the per-account command counters.
    dynamodbResources: /\$\{module\.(idempotency_table|command_quota_table)\.arn\}/u,
  },
  {
    kind: 'reader',
    actions: new Set(['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'rds-db:connect']),
    kmsActions: DECRYPT,
    singleStore: true,
  },
  {
    kind: 'writer',
    // DeleteItem: erasure deletes within the store the role writes.
    actions: new Set(['dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'rds-db:connect', 'secretsmanager:GetSecretValue']),
    kmsActions: DATA_KEY,
    singleStore: true,
    secretResources: KEY_SECRET,
  },
  {
    kind: 'migrator',
    actions: new Set(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue']),
    kmsActions: DATA_KEY,
    singleStore: false,
  },
  // Deletes what expired in its one database: no queue, no table, no secret.
  {
    kind: 'purger',
    actions: new Set(['rds-db:connect']),
    kmsActions: new Set(),
    singleStore: true,
  },
  // Reads queue state and peeks at DLQs; CloudWatch's GetMetricData names no resource.
  {
    kind: 'queue observer',
    actions: new Set(['sqs:GetQueueAttributes', 'sqs:ReceiveMessage', 'cloudwatch:GetMetricData']),
    kmsActions: DECRYPT,
    singleStore: false,
  },
  // Moves dead letters back to their queues (StartMessageMoveTask) and nothing else.
  {
    kind: 'queue redriver',
    actions: new Set(['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage', 'sqs:SendMessage', 'sqs:StartMessageMoveTask']),
    kmsActions: DATA_KEY,
    singleStore: false,
  },
];

/** The policy for a wiring role: command, *-reader, *-projector or *-writer, migrator, *-purger. */
export const policyForRole = (role: string): RolePolicy | undefined => {
  if (role === 'command') return POLICIES[0];
  if (role.endsWith('-reader')) return POLICIES[1];
  if (role.endsWith('-projector') || role.endsWith('-writer')) return POLICIES[2];
  if (role === 'migrator') return POLICIES[3];
  if (role.endsWith('-purger')) return POLICIES[4];
  if (role === 'queue-observer') return POLICIES[5];
  if (role === 'queue-redriver') return POLICIES[6];
  return undefined;
};

// A store is what a resource expression hangs off: module.letters_table, aws_sns_topic.letters, ...
const storesIn = (resources: string[]): Set<string> =>
  new Set(resources.filter((r) => !KEY_SECRET.test(r)).flatMap((r) => [...r.matchAll(/\b(module\.[A-Za-z0-9_-]+|aws_[a-z0-9_]+\.[A-Za-z0-9_-]+|var\.[A-Za-z0-9_]+)/gu)].map((m) => m[1] ?? '')));

interface Statement {
  sid: string;
  actions: string[];
  resources: string[];
}

const statementsOf = (value: HclValue | undefined): Statement[] =>
  bodiesOf(value).map((s) => ({ sid: String(s.sid ?? '?'), actions: stringsOf(s.actions), resources: Array.isArray(s.resources) ? stringsOf(s.resources) : stringsOf(s.resources) }));

/**
 * The root module's `local.role_statements` (and `local.kms_actions`) give every role
 * of wiring.json only what its kind may do: commands publish, readers read one store,
 * projectors and writers write one store, only the migrator touches secrets.
 */
export const checkRolePermissions = (config: TfConfig, roles: readonly string[]): Finding[] => {
  const root = moduleAt(config, config.root);
  const locals = root ? localsOf(root) : [];
  const statementsLocal = locals.find((l) => l.name === 'role_statements');
  const kmsLocal = locals.find((l) => l.name === 'kms_actions');
  const file = statementsLocal?.file.path ?? `${config.root}/main.tf`;
  if (!statementsLocal || !isBody(statementsLocal.value)) {
    return [{ file, resource: 'local.role_statements', message: 'the root module must define local.role_statements as a literal map of role => statements' }];
  }
  const byRole = statementsLocal.value;
  const kmsByRole = kmsLocal && isBody(kmsLocal.value) ? kmsLocal.value : {};
  const findings: Finding[] = [];
  for (const role of [...new Set(roles)].sort()) {
    const resource = `local.role_statements["${role}"]`;
    const report = (message: string) => findings.push({ file, resource, message });
    const policy = policyForRole(role);
    if (!policy) {
      report(`role "${role}" is of no known kind (command, *-reader, *-projector, *-writer, migrator, *-purger): add a permission rule for it`);
      continue;
    }
    if (!(role in byRole)) {
      report(`role "${role}" of wiring.json has no statements`);
      continue;
    }
    const statements = statementsOf(byRole[role]);
    for (const statement of statements) {
      for (const action of statement.actions) {
        if (!policy.actions.has(action)) report(`statement ${statement.sid}: a ${policy.kind} role may not have "${action}" (allowed: ${[...policy.actions].join(', ')})`);
      }
      const dynamodb = statement.actions.some((a) => a.startsWith('dynamodb:'));
      const pattern = policy.dynamodbResources;
      if (pattern && dynamodb && !statement.resources.every((r) => pattern.test(r))) {
        report(`statement ${statement.sid}: a ${policy.kind} role may use DynamoDB on its idempotency and quota tables only, not ${statement.resources.join(', ')}: the write path reads no read store`);
      }
      const secrets = policy.secretResources;
      if (secrets && statement.actions.some((a) => a.startsWith('secretsmanager:')) && !statement.resources.every((r) => secrets.test(r))) {
        report(`statement ${statement.sid}: a ${policy.kind} role may read only a key set (aws_secretsmanager_secret.<purpose>_keys), not ${statement.resources.join(', ')}`);
      }
      if (policy.kind === 'reader' && statement.actions.includes('rds-db:connect') && !statement.resources.some((r) => r.includes('reader'))) {
        report(`statement ${statement.sid}: a reader role may only connect as a read-only (…reader) database user`);
      }
    }
    const stores = storesIn(statements.flatMap((s) => s.resources));
    if (policy.singleStore && stores.size > 1) report(`a ${policy.kind} role must stay within one store, but its statements reach ${[...stores].sort().join(', ')}`);
    for (const action of stringsOf(kmsByRole[role])) {
      if (!policy.kmsActions.has(action)) report(`local.kms_actions gives a ${policy.kind} role "${action}" (allowed: ${[...policy.kmsActions].join(', ') || 'none'})`);
    }
  }
  return findings;
};
