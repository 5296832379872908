import { bodiesOf, resourcesOf, type Finding, type TfConfig } from '../hcl-model.js';

/** Every log group has a retention, and every Lambda function logs to a log group of its module. */
export const checkLogRetention = (config: TfConfig): Finding[] => {
  const findings: Finding[] = [];
  for (const module of config.modules) {
    const logGroups = resourcesOf(module, 'aws_cloudwatch_log_group');
    for (const group of logGroups) {
      const retention = group.body.retention_in_days;
      if (retention === undefined || retention === null || retention === 0) {
        findings.push({ file: group.file.path, resource: group.address, message: 'retention_in_days must be set (0 or unset keeps logs forever)' });
      }
    }
    const groupNames = new Set(logGroups.map((g) => g.name));
    for (const fn of resourcesOf(module, 'aws_lambda_function')) {
      const logGroup = bodiesOf(fn.body.logging_config)[0]?.log_group;
      const referenced = typeof logGroup === 'string' ? logGroup.match(/^\$\{aws_cloudwatch_log_group\.([A-Za-z0-9_-]+)\.name\}$/u)?.[1] : undefined;
      const byName = logGroups.some((g) => typeof g.body.name === 'string' && typeof fn.body.function_name === 'string' && g.body.name === `/aws/lambda/${fn.body.function_name}`);
      if (!(referenced && groupNames.has(referenced)) && !byName) {
        findings.push({
          file: fn.file.path,
          resource: fn.address,
          message: 'needs a log group with a retention in its module: set logging_config { log_group = aws_cloudwatch_log_group.<name>.name }, or Lambda creates one that keeps logs forever',
        });
      }
    }
  }
  return findings;
};
