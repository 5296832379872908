import { blocksOf, bodiesOf, isBody, localsOf, moduleAt, stringsOf, type Finding, type TfConfig } from '../hcl-model.js';

const IDEMPOTENCY = /idempotency/u;
const RECORD_ACTIONS = ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
const POLICY_TYPES = new Set(['aws_iam_policy_document', 'aws_iam_role_policy', 'aws_iam_policy']);

/**
 * The idempotency table is the command functions' alone: in local.role_statements
 * only the command role reaches it (and may get, put, update and delete records),
 * only command functions get IDEMPOTENCY_TABLE_NAME, and no other IAM policy names it.
 */
export const checkIdempotencyAccess = (config: TfConfig): Finding[] => {
  const root = moduleAt(config, config.root);
  if (!root) return [];
  const locals = localsOf(root);
  const findings: Finding[] = [];
  const statementsLocal = locals.find((l) => l.name === 'role_statements');
  const byRole = statementsLocal && isBody(statementsLocal.value) ? statementsLocal.value : {};
  const granted = new Set<string>();
  for (const [role, statements] of Object.entries(byRole)) {
    for (const statement of bodiesOf(statements)) {
      if (!stringsOf(statement.resources).some((r) => IDEMPOTENCY.test(r))) continue;
      if (role !== 'command') {
        findings.push({ file: statementsLocal?.file.path ?? '', resource: `local.role_statements["${role}"]`, message: `statement ${String(statement.sid)} reaches the idempotency table, which only command functions may use` });
      } else {
        for (const action of stringsOf(statement.actions)) granted.add(action);
      }
    }
  }
  const missing = RECORD_ACTIONS.filter((a) => !granted.has(a));
  if ('command' in byRole && missing.length > 0) {
    findings.push({ file: statementsLocal?.file.path ?? '', resource: 'local.role_statements["command"]', message: `cannot keep idempotency records without ${missing.join(', ')} on the idempotency table` });
  }
  const environment = locals.find((l) => l.name === 'role_environment');
  for (const [role, variables] of Object.entries(environment && isBody(environment.value) ? environment.value : {})) {
    if (role !== 'command' && isBody(variables) && 'IDEMPOTENCY_TABLE_NAME' in variables) {
      findings.push({ file: environment?.file.path ?? '', resource: `local.role_environment["${role}"]`, message: 'IDEMPOTENCY_TABLE_NAME is for command functions only' });
    }
  }
  for (const module of config.modules) {
    for (const block of [...blocksOf(module, 'data'), ...blocksOf(module, 'resource')]) {
      if (POLICY_TYPES.has(block.type) && IDEMPOTENCY.test(JSON.stringify(block.body))) {
        findings.push({ file: block.file.path, resource: block.address, message: 'names the idempotency table: grant it through local.role_statements["command"] only' });
      }
    }
  }
  return findings;
};
