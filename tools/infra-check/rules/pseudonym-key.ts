import { blocksOf, bodiesOf, isBody, localsOf, moduleAt, stringsOf, type Finding, type TfConfig } from '../hcl-model.js';

const KEY = /child_pseudonym/u;
const ENV = 'CHILD_PSEUDONYM_KEYS_SECRET_ARN';
const READER = 'analytics-projector';
const POLICY_TYPES = new Set(['aws_iam_policy_document', 'aws_iam_role_policy', 'aws_iam_policy']);

/**
 * The child-pseudonym key is the analytics projector's alone: in local.role_statements
 * only that role reaches it (GetSecretValue, nothing more), only that role gets
 * CHILD_PSEUDONYM_KEYS_SECRET_ARN, migrate fills it (local.generated_key_secrets), and no
 * other IAM policy names it. Whoever reads the key can undo the pseudonyms.
 */
export const checkPseudonymKeyAccess = (config: TfConfig): Finding[] => {
  const root = moduleAt(config, config.root);
  if (!root) return [];
  const locals = localsOf(root);
  const findings: Finding[] = [];
  const statementsLocal = locals.find((l) => l.name === 'role_statements');
  const statementsFile = statementsLocal?.file.path ?? `${config.root}/iam.tf`;
  const byRole = statementsLocal && isBody(statementsLocal.value) ? statementsLocal.value : {};
  let readable = false;
  for (const [role, statements] of Object.entries(byRole)) {
    for (const statement of bodiesOf(statements)) {
      if (!stringsOf(statement.resources).some((r) => KEY.test(r))) continue;
      const resource = `local.role_statements["${role}"]`;
      const actions = stringsOf(statement.actions);
      if (role !== READER) {
        findings.push({ file: statementsFile, resource, message: `statement ${String(statement.sid)} reaches the child-pseudonym key, which only the analytics projector may read` });
        continue;
      }
      const extra = actions.filter((a) => a !== 'secretsmanager:GetSecretValue');
      if (extra.length > 0) findings.push({ file: statementsFile, resource, message: `statement ${String(statement.sid)} may ${extra.join(', ')} on the child-pseudonym key: the projector only reads it` });
      if (actions.includes('secretsmanager:GetSecretValue')) readable = true;
    }
  }
  if (READER in byRole && !readable) {
    findings.push({ file: statementsFile, resource: `local.role_statements["${READER}"]`, message: 'cannot pseudonymise children without secretsmanager:GetSecretValue on the child-pseudonym key' });
  }
  const generated = locals.find((l) => l.name === 'generated_key_secrets');
  const fills = generated && isBody(generated.value) ? generated.value['child-pseudonym'] : undefined;
  if (typeof fills !== 'string' || !KEY.test(fills)) {
    findings.push({ file: generated?.file.path ?? `${config.root}/main.tf`, resource: 'local.generated_key_secrets', message: 'needs "child-pseudonym" = the child-pseudonym key secret, or migrate never fills it' });
  }
  for (const local of locals) {
    if (!JSON.stringify(local.value).includes(ENV)) continue;
    const byName = isBody(local.value) ? local.value : {};
    const holders = local.name === 'role_environment' ? Object.keys(byName).filter((role) => isBody(byName[role]) && ENV in (byName[role] as object)) : [local.name];
    for (const holder of holders.filter((h) => h !== READER)) {
      const resource = local.name === 'role_environment' ? `local.role_environment["${holder}"]` : `local.${holder}`;
      findings.push({ file: local.file.path, resource, message: `${ENV} is for the analytics projector only: set it in local.role_environment["${READER}"]` });
    }
  }
  for (const module of config.modules) {
    for (const block of [...blocksOf(module, 'data'), ...blocksOf(module, 'resource')]) {
      if (POLICY_TYPES.has(block.type) && KEY.test(JSON.stringify(block.body))) {
        findings.push({ file: block.file.path, resource: block.address, message: `names the child-pseudonym key: grant it through local.role_statements["${READER}"] only` });
      }
    }
  }
  return findings;
};
