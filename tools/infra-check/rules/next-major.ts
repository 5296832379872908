import { resourcesOf, type Finding, type TfConfig } from '../hcl-model.js';
import { enclosingBlock } from '../source-lines.js';

/** References hashicorp/aws 6.x deprecates or removes, which a range up to < 7.0 must avoid. */
const REFERENCES: { pattern: RegExp; instead: string }[] = [
  { pattern: /\bdata\.aws_region\.[A-Za-z0-9_-]+\.name\b/u, instead: 'read the region elsewhere (a variable, an ARN, aws_vpc_endpoint_service): `.name` is deprecated in 6.x and `.region` does not exist in 5.100' },
  { pattern: /\bdata\.aws_region\.[A-Za-z0-9_-]+\.region\b/u, instead: '`.region` does not exist in hashicorp/aws 5.100, the range\'s lower bound' },
];

/** Arguments deprecated in 6.x (and late 5.x), by resource type. */
const ARGUMENTS: Record<string, string[]> = {
  aws_iam_role: ['inline_policy', 'managed_policy_arns'],
  aws_flow_log: ['log_group_name'],
};

/**
 * The configuration works on both majors of `>= 5.100, < 7.0`: no data.aws_region
 * name or region attribute, no argument 6.x deprecates.
 */
export const checkNextMajor = (config: TfConfig): Finding[] => {
  const findings: Finding[] = [];
  for (const module of config.modules) {
    for (const file of module.files) {
      file.text.split('\n').forEach((line, index) => {
        if (/^\s*(#|\/\/)/u.test(line)) return;
        for (const { pattern, instead } of REFERENCES) {
          const match = line.match(pattern);
          if (match) findings.push({ file: file.path, resource: enclosingBlock(file.text, index + 1), message: `line ${index + 1} uses ${match[0]}: ${instead}` });
        }
      });
    }
    for (const [type, names] of Object.entries(ARGUMENTS)) {
      for (const block of resourcesOf(module, type)) {
        for (const name of names.filter((n) => n in block.body)) {
          findings.push({ file: block.file.path, resource: block.address, message: `argument ${name} is deprecated in hashicorp/aws 6.x: use its own resource instead` });
        }
      }
    }
  }
  return findings;
};
