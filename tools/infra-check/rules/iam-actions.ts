import { walkValues, type Finding, type HclBody, type TfConfig } from '../hcl-model.js';
import { enclosingBlock } from '../source-lines.js';

const ACTION_KEYS = new Set(['actions', 'not_actions']);

// An IAM action in jsonencode() or heredoc text: Action = "x" / "Action": ["x", ...]
const TEXT_ACTION = /"?\b(?:Not)?Action"?\s*[=:]\s*(\[[^\]]*\]|"[^"]*")/gu;

const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/** No IAM action anywhere contains "*": neither in policy documents, statements passed as values, nor jsonencode()d policies. */
export const checkIamActions = (config: TfConfig): Finding[] => {
  const findings: Finding[] = [];
  for (const module of config.modules) {
    for (const file of module.files) {
      const seen = new Set<string>();
      const report = (resource: string, action: string) => {
        const key = `${resource}\u0000${action}`;
        if (seen.has(key)) return;
        seen.add(key);
        findings.push({ file: file.path, resource, message: `IAM action "${action}" is a wildcard: name each action the role needs` });
      };
      for (const [section, content] of Object.entries(file.json as HclBody)) {
        for (const { path, value } of walkValues(content)) {
          const key = path.at(-1);
          if (!key || !ACTION_KEYS.has(key)) continue;
          const actions = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
          for (const action of actions) {
            if (action.includes('*') && !action.includes('${')) report(addressFrom(section, path), action);
          }
        }
      }
      for (const match of file.text.matchAll(TEXT_ACTION)) {
        const listed = [...(match[1] ?? '').matchAll(/"([^"]*)"/gu)].map((m) => m[1] ?? '');
        for (const action of listed) if (action.includes('*')) report(enclosingBlock(file.text, lineOf(file.text, match.index)), action);
      }
    }
  }
  return findings;
};

const addressFrom = (section: string, path: string[]): string => {
  const [first, second] = path;
  if (section === 'resource') return `${first}.${second}`;
  if (section === 'data' || section === 'ephemeral') return `${section}.${first}.${second}`;
  if (section === 'locals') return `local.${first}`;
  if (section === 'variable') return `var.${first}`;
  return `${section}.${first}`;
};
