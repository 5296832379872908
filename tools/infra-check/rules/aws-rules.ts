import { bodiesOf, resourcesOf, type Finding, type TfConfig } from '../hcl-model.js';

// Terraform appends 26 characters to a name_prefix; IAM role names stop at 64.
const IAM_ROLE_NAME_PREFIX_MAX = 38;
const SUBSTR_PREFIX = /^\$\{substr\([^,]+,\s*0,\s*(\d+)\)\}([^$]*)$/u;

/**
 * Rules of AWS that a plan does not catch, or catches only for some inputs:
 * - an IAM role name_prefix of `${substr(x, 0, N)}suffix` must fit 38 characters for every x;
 * - a function logging JSON sets application_log_level, or Lambda drops lines below INFO;
 * - an invoke permission's source_arn has no `{param}`: requests match the path, so AWS writes `*`.
 */
export const checkAwsRules = (config: TfConfig): Finding[] => {
  const findings: Finding[] = [];
  for (const module of config.modules) {
    for (const role of resourcesOf(module, 'aws_iam_role')) {
      const prefix = role.body.name_prefix;
      if (typeof prefix !== 'string') continue;
      const match = prefix.match(SUBSTR_PREFIX);
      const longest = match ? Number(match[1]) + match[2]!.length : prefix.includes('${') ? 0 : prefix.length;
      if (longest > IAM_ROLE_NAME_PREFIX_MAX) {
        findings.push({ file: role.file.path, resource: role.address, message: `name_prefix can reach ${longest} characters; IAM allows ${IAM_ROLE_NAME_PREFIX_MAX} (64 less the 26 Terraform appends)` });
      }
    }
    for (const fn of resourcesOf(module, 'aws_lambda_function')) {
      const logging = bodiesOf(fn.body.logging_config)[0];
      if (logging?.log_format === 'JSON' && logging.application_log_level === undefined) {
        findings.push({ file: fn.file.path, resource: fn.address, message: 'logs JSON without application_log_level: Lambda then keeps INFO and above only, whatever LOG_LEVEL the function logs at' });
      }
    }
    for (const permission of resourcesOf(module, 'aws_lambda_permission')) {
      const sourceArn = permission.body.source_arn;
      if (typeof sourceArn === 'string' && /\{[A-Za-z0-9_+-]+\}/u.test(sourceArn.replace(/\$\{[^}]*\}/gu, ''))) {
        findings.push({ file: permission.file.path, resource: permission.address, message: 'source_arn keeps a {path parameter} literally: the request path never matches it, write * instead' });
      }
    }
  }
  return findings;
};
