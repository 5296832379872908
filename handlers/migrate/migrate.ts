import type { Logger } from '@aws-lambda-powertools/logger';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Sql } from 'postgres';
import * as v from 'valibot';
import { backfillAnalytics, type BackfillResult } from '../../shared/adapters/analytics-backfill.js';
import { checkAnalytics } from '../../shared/adapters/analytics-check.js';
import { fillGeneratedKeySecrets } from '../../shared/adapters/generated-key-secrets.js';
import { applyPendingMigrations, withMigrationLock } from '../../shared/adapters/migrations.js';
import { provisionRoleCredentials, type ApplicationRole } from '../../shared/adapters/role-credentials.js';

/** Secrets the migrator fills on its first run: the client and, by name, each secret's ARN. */
export interface SecretArns {
  secrets: SecretsManagerClient;
  /** Role name (roleSecrets) or purpose (keySecrets) → secret ARN. */
  secretArns: Readonly<Record<string, string>>;
}

/** What every action may use, built once at cold start. */
export interface MigrateDependencies {
  connect: () => Promise<Sql>;
  logger: Logger;
  /** The application roles' logins, for RDS Proxy. */
  roleSecrets?: SecretArns;
  /** Generated key sets (GENERATED_KEY_SECRETS), so no key is ever in Terraform state. */
  keySecrets?: SecretArns;
}

/** What a migrate run did: each list empty when everything was already in place. */
export interface MigrateResult {
  applied: string[];
  rolesProvisioned: ApplicationRole[];
  keySecretsFilled: string[];
  /** Letters counted into the analytics aggregates this run; done is false if the run must be repeated. */
  backfill: BackfillResult;
}

/** How long the invocation has left (Lambda's context); absent in tests, where nothing is cut short. */
export interface InvocationTime {
  getRemainingTimeInMillis(): number;
}

// The backfill stops this long before the invocation's own timeout, so a run always reports.
const BACKFILL_MARGIN_MS = 10_000;

/** Raised for an event naming an action this function does not have; the message lists those it has. */
export class UnknownActionError extends Error {
  override name = 'UnknownActionError';
}

/**
 * Schema migrations, then a password for each application role whose secret is empty (the
 * migrations create the roles), then a key set for each empty generated key secret; all under
 * the migration lock, so that two runs at once take turns and each thing is done once. Then
 * letters not yet in the analytics aggregates are counted in, until the invocation's time runs
 * short (a later run continues; each letter is counted once, whoever counts it).
 */
const runMigrate = async ({ connect, logger, roleSecrets, keySecrets }: MigrateDependencies, time?: InvocationTime): Promise<MigrateResult> => {
  const sql = await connect();
  const setUp = await withMigrationLock(sql, async (session) => {
    const applied = await applyPendingMigrations(session);
    logger.info('migrations applied', { applied });
    const rolesProvisioned = roleSecrets ? await provisionRoleCredentials({ sql: session, ...roleSecrets }) : [];
    logger.info('role passwords provisioned', { rolesProvisioned });
    const keySecretsFilled = keySecrets ? await fillGeneratedKeySecrets(keySecrets) : [];
    logger.info('generated key secrets filled', { keySecretsFilled });
    return { applied, rolesProvisioned, keySecretsFilled };
  });
  const deadline = time ? Date.now() + time.getRemainingTimeInMillis() - BACKFILL_MARGIN_MS : Number.POSITIVE_INFINITY;
  const backfill = await backfillAnalytics(sql, { deadline });
  logger.info('analytics backfilled', { ...backfill });
  return { ...setUp, backfill };
};

/** Compares the analytics aggregates with a scan of the letters and answers the differences. */
const runAnalyticsCheck = async ({ connect, logger }: MigrateDependencies) => {
  const check = await checkAnalytics(await connect());
  logger.info('analytics checked', { letters: check.letters, lettersNotCounted: check.lettersNotCounted, differences: check.differences.length });
  return check;
};

/** The function's actions by name; the event's "action" picks one (migrate when absent). */
export const ACTIONS = {
  migrate: runMigrate,
  'analytics-check': runAnalyticsCheck,
} satisfies Record<string, (dependencies: MigrateDependencies, time?: InvocationTime) => Promise<unknown>>;

export type ActionName = keyof typeof ACTIONS;

const MigrateEvent = v.nullish(v.object({ action: v.optional(v.string()) }));

const isAction = (name: string): name is ActionName => Object.hasOwn(ACTIONS, name);

const actionOf = (event: unknown): ActionName => {
  const allowed = Object.keys(ACTIONS).join(', ');
  const parsed = v.safeParse(MigrateEvent, event);
  if (!parsed.success) throw new UnknownActionError(`the event must be {} or {"action":"<name>"}, one of: ${allowed}`);
  const name = parsed.output?.action ?? 'migrate';
  if (!isAction(name)) throw new UnknownActionError(`unknown action "${name}"; allowed actions: ${allowed}`);
  return name;
};

/** Runs the action the event names: `{}` or `{"action":"migrate"}` migrates, `{"action":"analytics-check"}` checks. */
export const migrate =
  (dependencies: MigrateDependencies) =>
  async (event: unknown, time?: InvocationTime): Promise<Awaited<ReturnType<(typeof ACTIONS)[ActionName]>>> => {
    const action = actionOf(event);
    dependencies.logger.info('action started', { action });
    return ACTIONS[action](dependencies, time);
  };
