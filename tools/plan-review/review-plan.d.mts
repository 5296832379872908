/** Minimal shape of `terraform show -json <planfile>` that the review reads. */
export interface PlanJson {
  format_version?: string;
  resource_changes?: {
    address: string;
    module_address?: string;
    mode: 'managed' | 'data';
    type: string;
    name: string;
    change: { actions: string[]; before: unknown; after: unknown; after_unknown?: Record<string, unknown>; replace_paths?: string[][] };
  }[];
  configuration?: unknown;
}

export type ChangeKind = 'create' | 'update' | 'replace' | 'delete' | 'read' | 'forget' | 'no-op';
export interface Grant {
  sid: string;
  effect: string;
  principal: string;
  action: string;
  resource: string;
  condition: string;
}

export declare const changeKind: (actions: string[]) => ChangeKind;
export declare const groupChanges: (plan: PlanJson) => { module: string; source: string | null; changes: { address: string; kind: ChangeKind; attributes: string[]; replaceBecause: string[] }[] }[];
export declare const countChanges: (plan: PlanJson) => { create: number; update: number; replace: number; delete: number };
export declare const grantsOf: (policyText: unknown) => Grant[];
export declare const iamChanges: (plan: PlanJson) => { address: string; kind: 'added' | 'widened' | 'unknown'; attribute?: string; grants: Grant[] }[];
export declare const findRisks: (plan: PlanJson) => { address: string; message: string }[];
export declare const formatReview: (plan: PlanJson) => string;
