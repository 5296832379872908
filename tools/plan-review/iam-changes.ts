import { changeKind } from './changes.js';
import type { Attributes, Grant, PlanJson } from './plan-json.js';

/** Policy-holding attributes per resource type (lambda permissions are read field by field). */
export const POLICY_ATTRIBUTES: Record<string, string[]> = {
  aws_iam_role_policy: ['policy'],
  aws_iam_policy: ['policy'],
  aws_iam_user_policy: ['policy'],
  aws_iam_group_policy: ['policy'],
  aws_iam_role: ['assume_role_policy'],
  aws_sqs_queue_policy: ['policy'],
  aws_sns_topic_policy: ['policy'],
  aws_s3_bucket_policy: ['policy'],
  aws_kms_key: ['policy'],
  aws_secretsmanager_secret_policy: ['policy'],
  aws_lambda_permission: [],
};

/** A value, or each value of a list; nothing for undefined or null. */
export const asList = <T>(value: T | T[] | undefined | null): T[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

const parsePolicy = (text: unknown): Attributes[] => {
  if (typeof text !== 'string' || text === '') return [];
  try {
    return asList((JSON.parse(text) as Attributes).Statement as Attributes | Attributes[]);
  } catch {
    return [];
  }
};

const principalsOf = (statement: Attributes): string[] => {
  const p: unknown = statement.Principal ?? statement.NotPrincipal;
  if (p === undefined) return [''];
  if (typeof p === 'string') return [p];
  return Object.entries(p as Record<string, string | string[]>).flatMap(([type, ids]) => asList(ids).map((id) => (id === '*' ? '*' : `${type}:${id}`)));
};

/** Every (effect, principal, action, resource, condition) grant of a policy document. */
export const grantsOf = (policyText: unknown): Grant[] =>
  parsePolicy(policyText).flatMap((s) => {
    const condition = s.Condition ? JSON.stringify(s.Condition) : '';
    const actions = asList<string>(s.Action ?? s.NotAction).map((a) => (s.NotAction ? `NOT ${a}` : a));
    const resources = s.Resource === undefined && s.NotResource === undefined ? [''] : asList<string>(s.Resource ?? s.NotResource).map((r) => (s.NotResource ? `NOT ${r}` : r));
    return principalsOf(s).flatMap((principal) =>
      actions.flatMap((action) => resources.map((resource) => ({ sid: String(s.Sid ?? ''), effect: String(s.Effect ?? 'Allow'), principal, action, resource, condition }))),
    );
  });

const grantKey = (g: Grant): string => [g.effect, g.principal, g.action, g.resource, g.condition].join('\u0000');

const lambdaPermissionGrant = (value: Attributes | null): Grant[] =>
  value
    ? [{ sid: value.statement_id ?? '', effect: 'Allow', principal: value.principal ?? '', action: value.action ?? '', resource: value.function_name ?? '', condition: value.source_arn ? `SourceArn ${value.source_arn}` : '' }]
    : [];

/** A policy a plan adds or widens; "unknown" when its text is known only after apply. */
export interface IamChange {
  address: string;
  kind: 'added' | 'widened' | 'unknown';
  attribute?: string;
  grants: Grant[];
}

/**
 * IAM grants a plan adds. "widened" is an existing policy that gains grants (a new
 * action, resource or principal, or a dropped condition).
 */
export const iamChanges = (plan: PlanJson): IamChange[] => {
  const found: IamChange[] = [];
  for (const rc of plan.resource_changes ?? []) {
    const attributes = POLICY_ATTRIBUTES[rc.type];
    if (rc.mode !== 'managed' || !attributes) continue;
    const kind = changeKind(rc.change?.actions ?? []);
    if (!['create', 'update', 'replace'].includes(kind)) continue;
    const { before, after, after_unknown: unknown = {} } = rc.change;
    if (rc.type === 'aws_lambda_permission') {
      const beforeKeys = new Set(lambdaPermissionGrant(before).map(grantKey));
      const grants = lambdaPermissionGrant(after).filter((g) => !beforeKeys.has(grantKey(g)));
      if (grants.length > 0) found.push({ address: rc.address, kind: before ? 'widened' : 'added', grants });
      continue;
    }
    for (const attribute of attributes) {
      if (unknown[attribute] === true) {
        found.push({ address: rc.address, kind: 'unknown', attribute, grants: [] });
        continue;
      }
      const beforeKeys = new Set(grantsOf(before?.[attribute]).map(grantKey));
      const grants = grantsOf(after?.[attribute]).filter((g) => g.effect === 'Allow' && !beforeKeys.has(grantKey(g)));
      if (grants.length > 0) found.push({ address: rc.address, kind: beforeKeys.size > 0 ? 'widened' : 'added', attribute, grants });
    }
  }
  return found;
};
