import { localsOf, moduleAt, resourcesOf, type Finding, type TfConfig } from '../hcl-model.js';

/**
 * Apply runs the migrations: the root module invokes the migrate function
 * (aws_lambda_invocation), after the database module (so after the proxy target
 * and the migrator's ingress), with a trigger that follows the checksums of the
 * SQL migrations (fileset + filesha256), so a changed migration re-runs it, and,
 * where the root module has local.generated_key_secrets, a trigger on those secrets,
 * so a replaced (empty) key secret is filled again.
 */
export const checkMigrationsDuringApply = (config: TfConfig): Finding[] => {
  const root = moduleAt(config, config.root);
  if (!root) return [];
  const invocations = resourcesOf(root, 'aws_lambda_invocation').filter((i) => /migrat/u.test(JSON.stringify(i.body.function_name ?? '')));
  const invocation = invocations[0];
  if (!invocation) {
    return [{ file: `${config.root}/main.tf`, resource: 'aws_lambda_invocation', message: 'no aws_lambda_invocation of the migrate function: apply would leave the database unmigrated and the proxy without role passwords' }];
  }
  const findings: Finding[] = [];
  const report = (message: string) => findings.push({ file: invocation.file.path, resource: invocation.address, message });
  const body = JSON.stringify(invocation.body);
  if (!/module\.analytics_database/u.test(JSON.stringify(invocation.body.depends_on ?? '')) && !/proxy_target/u.test(body)) {
    report('must run after the database and its proxy target: depends_on = [module.analytics_database] or a trigger on its proxy_target_id');
  }
  const checksums = localsOf(root).filter((l) => /filesha256\(/u.test(JSON.stringify(l.value)) || /fileset\(/u.test(JSON.stringify(l.value)));
  const triggers = JSON.stringify(invocation.body.triggers ?? '');
  const followsFiles = /filesha256\(/u.test(triggers) || checksums.some((l) => triggers.includes(`local.${l.name}`) && /filesha256\(/u.test(JSON.stringify(l.value)));
  if (!followsFiles) report('triggers must follow the checksums of the SQL migrations (filesha256 over fileset), or a changed migration never runs');
  if (localsOf(root).some((l) => l.name === 'generated_key_secrets') && !triggers.includes('local.generated_key_secrets')) {
    report('triggers must follow local.generated_key_secrets, or a replaced key secret stays empty until the next migration');
  }
  return findings;
};
