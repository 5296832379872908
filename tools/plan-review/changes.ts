// Pure functions behind cli.ts: they read the JSON of a saved plan
// (`terraform show -json plan.tfplan`) and never print a sensitive value.
import type { ChangeKind, ModuleCall, PlanJson, ResourceChange } from './plan-json.js';

/** What a resource change does: create, update, replace, delete, read or no-op. */
export const changeKind = (actions: readonly string[]): ChangeKind => {
  const set = new Set(actions);
  if (set.has('delete') && set.has('create')) return 'replace';
  if (set.has('create')) return 'create';
  if (set.has('delete')) return 'delete';
  if (set.has('update')) return 'update';
  if (set.has('read')) return 'read';
  if (set.has('forget')) return 'forget';
  return 'no-op';
};

/** A managed resource's change, addressed within its module. */
export interface ModuleChange {
  address: string;
  kind: ChangeKind;
  attributes: string[];
  replaceBecause: string[];
}

/** The changes of one module instance. */
export interface ChangeGroup {
  module: string;
  source: string | null;
  changes: ModuleChange[];
}

/** The group name of resources outside any module call. */
export const ROOT_LABEL = 'root module';

/** The module source of a module address, from the plan's configuration (`./modules/queue-consumer`). */
const moduleSource = (plan: PlanJson, moduleAddress: string | undefined): string | null => {
  if (!moduleAddress) return null;
  let calls: Record<string, ModuleCall> = plan.configuration?.root_module?.module_calls ?? {};
  let source: string | null = null;
  for (const [, name] of moduleAddress.matchAll(/module\.([A-Za-z0-9_-]+)(?:\[[^\]]*\])?/gu)) {
    const call = calls[name ?? ''];
    if (!call) return null;
    source = call.source ?? null;
    calls = call.module?.module_calls ?? {};
  }
  return source;
};

/** Attributes whose value differs between before and after (top level). */
const changedAttributes = (change: ResourceChange['change']): string[] => {
  const before = change.before ?? {};
  const after = change.after ?? {};
  const unknown = change.after_unknown ?? {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(unknown)]);
  return [...keys].filter((k) => k !== 'tags_all' && (unknown[k] === true || JSON.stringify(before[k]) !== JSON.stringify(after[k]))).sort();
};

/** Managed-resource changes grouped by module address, the root module first. */
export const groupChanges = (plan: PlanJson): ChangeGroup[] => {
  const groups = new Map<string, ChangeGroup>();
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode !== 'managed') continue;
    const kind = changeKind(rc.change?.actions ?? []);
    if (kind === 'no-op' || kind === 'read') continue;
    const module = rc.module_address ?? ROOT_LABEL;
    const group = groups.get(module) ?? { module, source: moduleSource(plan, rc.module_address), changes: [] };
    groups.set(module, group);
    group.changes.push({
      address: rc.module_address ? rc.address.slice(rc.module_address.length + 1) : rc.address,
      kind,
      attributes: kind === 'update' ? changedAttributes(rc.change) : [],
      replaceBecause: kind === 'replace' ? (rc.change.replace_paths ?? []).map((p) => p.join('.')).sort() : [],
    });
  }
  return [...groups.values()].sort((a, b) => (a.module === ROOT_LABEL ? -1 : b.module === ROOT_LABEL ? 1 : a.module.localeCompare(b.module)));
};

/** Counts per kind of change. */
export const countChanges = (plan: PlanJson): { create: number; update: number; replace: number; delete: number } => {
  const counts = { create: 0, update: 0, replace: 0, delete: 0 };
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode !== 'managed') continue;
    const kind = changeKind(rc.change?.actions ?? []);
    if (kind in counts) counts[kind as keyof typeof counts] += 1;
  }
  return counts;
};
