import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { countChanges, groupChanges } from './changes.js';
import { formatReview } from './format-review.js';
import { grantsOf, iamChanges } from './iam-changes.js';
import type { Attributes, PlanJson, ResourceChange } from './plan-json.js';
import { findRisks } from './risks.js';

const fixture = (name: string): PlanJson => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as PlanJson;
const script = fileURLToPath(new URL('./cli.ts', import.meta.url));
const review = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: fileURLToPath(new URL('../..', import.meta.url)), encoding: 'utf8' });

describe('plan review of a first deploy', () => {
  const plan = fixture('create-stack.json');

  it('counts and groups the created resources by module, naming the module source', () => {
    expect(countChanges(plan)).toEqual({ create: 10, update: 0, replace: 0, delete: 0 });
    expect(groupChanges(plan).map((g) => [g.module, g.source, g.changes.length])).toEqual([
      ['root module', null, 1],
      ['module.consumer["letters-view"]', './modules/queue-consumer', 3],
      ['module.function["submit-letter"]', './modules/lambda-function', 4],
      ['module.http_api', null, 1],
      ['module.letters_table', './modules/letters-table', 1],
    ]);
  });

  it('lists every IAM grant as added, and finds no risk', () => {
    expect(iamChanges(plan).map((c) => [c.address, c.kind, c.grants.map((g) => g.action)])).toEqual([
      ['module.function["submit-letter"].aws_iam_role.this', 'added', ['sts:AssumeRole']],
      ['module.function["submit-letter"].aws_iam_role_policy.this', 'added', ['logs:PutLogEvents', 'logs:CreateLogStream', 'sns:Publish']],
      ['module.consumer["letters-view"].aws_sqs_queue_policy.this', 'added', ['sqs:SendMessage']],
      ['module.http_api.aws_lambda_permission.this["POST /letters"]', 'added', ['lambda:InvokeFunction']],
    ]);
    expect(findRisks(plan)).toEqual([]);
  });

  it('prints one line per resource under its module and exits 0', () => {
    const result = review(fileURLToPath(new URL('./fixtures/create-stack.json', import.meta.url)), '--fail-on-risk');

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Plan: 10 to add, 0 to change, 0 to replace, 0 to destroy.');
    expect(result.stdout).toContain('module.consumer["letters-view"] (./modules/queue-consumer)\n  +   aws_sqs_queue.this\n  +   aws_sqs_queue.dlq\n');
    expect(result.stdout).toContain(
      '  + module.function["submit-letter"].aws_iam_role_policy.this: Allow sns:Publish on arn:aws:sns:eu-west-1:123456789012:santas-workshop-letters [PublishLetterEvents]',
    );
    expect(result.stdout).toContain('Risks: none found.');
  });
});

describe('plan review of a risky update', () => {
  const plan = fixture('risky-update.json');

  it('shows changed attributes, forced replacements and destroys, leaving out no-ops', () => {
    const text = formatReview(plan);

    expect(text).toContain('Plan: 2 to add, 5 to change, 2 to replace, 1 to destroy.');
    expect(text).toContain('  ~   aws_sqs_queue.this  [sqs_managed_sse_enabled, visibility_timeout_seconds]');
    expect(text).toContain('  -/+ aws_db_instance.this  [forced by storage_encrypted]');
    expect(text).toContain('  -   aws_sqs_queue.dlq');
    expect(text).not.toContain('dlq_depth');
    expect(text).not.toContain('not-printed');
  });

  it('reports only the grants a widened policy gains, and policies known only after apply', () => {
    const text = formatReview(plan);

    expect(text).toContain(
      '  ^ module.function["get-letter"].aws_iam_role_policy.this: Allow dynamodb:PutItem on arn:aws:dynamodb:eu-west-1:123456789012:table/santas-workshop-letters, arn:aws:dynamodb:eu-west-1:123456789012:table/santas-workshop-letters/index/byChild [ReadLetters]',
    );
    expect(text).not.toContain('Allow dynamodb:GetItem');
    expect(text).toContain('  ? module.function["top-toys"].aws_iam_role_policy.this: policy known only after apply');
  });

  it('flags encryption, deletion protection and PITR turned off, open ingress, public access, wildcards and lost data', () => {
    expect(findRisks(plan)).toEqual([
      { address: 'aws_sns_topic.letters', message: 'turns off encryption at rest' },
      { address: 'module.letters_table.aws_dynamodb_table.this', message: 'turns off deletion protection' },
      { address: 'module.letters_table.aws_dynamodb_table.this', message: 'turns off point-in-time recovery' },
      { address: 'module.analytics_database.aws_db_instance.this', message: 'replaces a stateful aws_db_instance: its data is lost' },
      { address: 'module.analytics_database.aws_db_instance.this', message: 'turns off storage encryption' },
      { address: 'module.analytics_database.aws_db_instance.this', message: 'makes the database publicly accessible' },
      { address: 'module.analytics_database.aws_vpc_security_group_ingress_rule.anywhere', message: 'opens ingress from 0.0.0.0/0' },
      { address: 'module.consumer["letters-view"].aws_sqs_queue.this', message: 'turns off encryption at rest' },
      { address: 'module.consumer["letters-view"].aws_sqs_queue.dlq', message: 'destroys a stateful aws_sqs_queue: its data is lost' },
      { address: 'aws_sqs_queue_policy.public', message: 'grants sqs:SendMessage to any principal ("*") without a condition' },
      { address: 'module.function["get-letter"].aws_iam_role_policy.this', message: 'grants wildcard action dynamodb:*' },
      { address: 'module.function["get-letter"].aws_iam_role_policy.this', message: 'grants dynamodb:* on Resource "*"' },
    ]);
  });

  it('exits 2 with --fail-on-risk and 0 without it', () => {
    const file = fileURLToPath(new URL('./fixtures/risky-update.json', import.meta.url));

    expect(review(file, '--fail-on-risk').status).toBe(2);
    expect(review(file).status).toBe(0);
  });
});

describe('plan review of identity changes', () => {
  const change = (address: string, type: string, actions: string[], before: Attributes, after: Attributes): ResourceChange => ({
    address,
    mode: 'managed',
    type,
    name: 'this',
    change: { actions, before, after },
  });

  it('flags the user pool losing its deletion protection or being replaced, and a route left open', () => {
    const plan: PlanJson = {
      format_version: '1.2',
      resource_changes: [
        change('aws_cognito_user_pool.this[0]', 'aws_cognito_user_pool', ['update'], { deletion_protection: 'ACTIVE' }, { deletion_protection: 'INACTIVE' }),
        change('aws_cognito_user_pool.other', 'aws_cognito_user_pool', ['delete', 'create'], { deletion_protection: 'ACTIVE' }, { deletion_protection: 'ACTIVE' }),
        change('module.http_api.aws_apigatewayv2_route.this["GET /analytics/summary"]', 'aws_apigatewayv2_route', ['update'], { authorization_type: 'JWT' }, { authorization_type: 'NONE', route_key: 'GET /analytics/summary' }),
      ],
    };

    expect(findRisks(plan)).toEqual([
      { address: 'aws_cognito_user_pool.this[0]', message: 'turns off deletion protection' },
      { address: 'aws_cognito_user_pool.other', message: 'replaces a stateful aws_cognito_user_pool: its data is lost' },
      { address: 'module.http_api.aws_apigatewayv2_route.this["GET /analytics/summary"]', message: 'leaves route GET /analytics/summary without the JWT authorizer' },
    ]);
  });
});

describe('plan review of retention changes', () => {
  const change = (address: string, type: string, before: Attributes | null, after: Attributes): ResourceChange => ({
    address,
    mode: 'managed',
    type,
    name: 'this',
    change: { actions: [before === null ? 'create' : 'update'], before, after },
  });
  const table = (ttl: Attributes[]): Attributes => ({ deletion_protection_enabled: true, point_in_time_recovery: [{ enabled: true }], server_side_encryption: [{ enabled: true }], ttl });

  it('flags TTL turned off on a table and a schedule disabled, not a table created without TTL', () => {
    const plan: PlanJson = {
      format_version: '1.2',
      resource_changes: [
        change('module.letters_table.aws_dynamodb_table.this', 'aws_dynamodb_table', table([{ attribute_name: 'expiresAt', enabled: true }]), table([])),
        change('module.cache_table.aws_dynamodb_table.this', 'aws_dynamodb_table', null, table([])),
        change('aws_scheduler_schedule.function["purge-expired"]', 'aws_scheduler_schedule', { state: 'ENABLED' }, { state: 'DISABLED' }),
      ],
    };

    expect(findRisks(plan)).toEqual([
      { address: 'module.letters_table.aws_dynamodb_table.this', message: 'turns off TTL on expiresAt: expired items would be kept' },
      { address: 'aws_scheduler_schedule.function["purge-expired"]', message: 'disables the schedule: the function it runs (such as the purge of expired data) stops running' },
    ]);
  });
});

describe('plan review edge cases', () => {
  it('says so when nothing changes', () => {
    expect(formatReview(fixture('no-changes.json'))).toBe('Plan: 0 to add, 0 to change, 0 to replace, 0 to destroy.\n\nNo resource changes.\n\nIAM: no grants added or widened.\n\nRisks: none found.');
  });

  it('expands a statement into one grant per principal, action and resource', () => {
    const policy = JSON.stringify({ Statement: { Effect: 'Allow', Action: ['a:One', 'a:Two'], Resource: ['r1', 'r2'], Principal: { AWS: ['p'] } } });

    expect(grantsOf(policy)).toHaveLength(4);
  });

  it('exits 1 on a file that is not a plan', () => {
    const result = review(fileURLToPath(new URL('../../package.json', import.meta.url)));

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('is not the JSON of a plan');
  });
});
