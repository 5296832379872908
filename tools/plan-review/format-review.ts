import { countChanges, groupChanges } from './changes.js';
import { iamChanges } from './iam-changes.js';
import type { ChangeKind, Grant, PlanJson } from './plan-json.js';
import { findRisks } from './risks.js';

const SYMBOL: Record<ChangeKind, string> = { create: '+', update: '~', replace: '-/+', delete: '-', read: '<=', forget: '.', 'no-op': ' ' };

/** Grants as lines: actions per resource, then resources sharing the same actions, per statement. */
const describeGrants = (grants: Grant[]): string[] => {
  const byResource = new Map<string, Grant & { actions: Set<string> }>();
  for (const g of grants) {
    const key = [g.sid, g.effect, g.principal, g.condition, g.resource].join('\u0000');
    const entry = byResource.get(key) ?? { ...g, actions: new Set<string>() };
    byResource.set(key, entry);
    entry.actions.add(g.action);
  }
  const byActions = new Map<string, Grant & { actions: string[]; resources: string[] }>();
  for (const entry of byResource.values()) {
    const actions = [...entry.actions].sort();
    const key = [entry.sid, entry.effect, entry.principal, entry.condition, actions.join(',')].join('\u0000');
    const statement = byActions.get(key) ?? { ...entry, actions, resources: [] };
    byActions.set(key, statement);
    if (entry.resource) statement.resources.push(entry.resource);
  }
  return [...byActions.values()].map(
    (s) =>
      `${s.effect} ${s.actions.join(', ')}${s.resources.length > 0 ? ` on ${s.resources.join(', ')}` : ''}${s.principal ? ` to ${s.principal}` : ''}${s.condition ? ` when ${s.condition}` : ''}${s.sid ? ` [${s.sid}]` : ''}`,
  );
};

/** The review as text: counts, changes by module, IAM grants added or widened, risks. */
export const formatReview = (plan: PlanJson): string => {
  const counts = countChanges(plan);
  const lines = [`Plan: ${counts.create} to add, ${counts.update} to change, ${counts.replace} to replace, ${counts.delete} to destroy.`];
  const groups = groupChanges(plan);
  if (groups.length === 0) lines.push('', 'No resource changes.');
  for (const group of groups) {
    lines.push('', `${group.module}${group.source ? ` (${group.source})` : ''}`);
    for (const change of group.changes) {
      const detail =
        change.kind === 'update' && change.attributes.length > 0
          ? `  [${change.attributes.join(', ')}]`
          : change.kind === 'replace' && change.replaceBecause.length > 0
            ? `  [forced by ${change.replaceBecause.join(', ')}]`
            : '';
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
