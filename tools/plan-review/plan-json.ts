/**
 * Attribute values of a resource in a plan. Their shape is the provider's schema,
 * which the review reads field by field, so they stay untyped here.
 */
export type Attributes = Record<string, any>;

/** One entry of `resource_changes` in `terraform show -json <planfile>`. */
export interface ResourceChange {
  address: string;
  module_address?: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  change: { actions: string[]; before: Attributes | null; after: Attributes | null; after_unknown?: Attributes; replace_paths?: string[][] };
}

/** A module call in the plan's configuration. */
export interface ModuleCall {
  source?: string;
  module?: { module_calls?: Record<string, ModuleCall> };
}

/** Minimal shape of `terraform show -json <planfile>` that the review reads. */
export interface PlanJson {
  format_version?: string;
  resource_changes?: ResourceChange[];
  configuration?: { root_module?: { module_calls?: Record<string, ModuleCall> } };
}

export type ChangeKind = 'create' | 'update' | 'replace' | 'delete' | 'read' | 'forget' | 'no-op';

/** One (effect, principal, action, resource, condition) of a policy. */
export interface Grant {
  sid: string;
  effect: string;
  principal: string;
  action: string;
  resource: string;
  condition: string;
}
