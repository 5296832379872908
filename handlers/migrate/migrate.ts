import type { Logger } from '@aws-lambda-powertools/logger';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Sql } from 'postgres';
import * as v from 'valibot';
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
}

/** Raised for an event naming an action this function does not have; the message lists those it has. */
export class UnknownActionError extends Error {
  override name = 'UnknownActionError';
}

/**
 * Schema migrations, then a password for each application role whose secret is empty (the
 * migrations create the roles), then a key set for each empty generated key secret; all under
 * the migration lock, so that two runs at once take turns and each thing is done once.
 */
const runMigrate = async ({ connect, logger, roleSecrets, keySecrets }: MigrateDependencies): Promise<MigrateResult> =>
  withMigrationLock(await connect(), async (session) => {
    const applied = await applyPendingMigrations(session);
    logger.info('migrations applied', { applied });
    const rolesProvisioned = roleSecrets ? await provisionRoleCredentials({ sql: session, ...roleSecrets }) : [];
    logger.info('role passwords provisioned', { rolesProvisioned });
    const keySecretsFilled = keySecrets ? await fillGeneratedKeySecrets(keySecrets) : [];
    logger.info('generated key secrets filled', { keySecretsFilled });
    return { applied, rolesProvisioned, keySecretsFilled };
  });

/** The function's actions by name; the event's "action" picks one (migrate when absent). */
export const ACTIONS = {
  migrate: runMigrate,
} satisfies Record<string, (dependencies: MigrateDependencies) => Promise<unknown>>;

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

/** Runs the action the event names: `{}` or `{"action":"migrate"}` migrates. */
export const migrate =
  (dependencies: MigrateDependencies) =>
  async (event: unknown): Promise<Awaited<ReturnType<(typeof ACTIONS)[ActionName]>>> => {
    const action = actionOf(event);
    dependencies.logger.info('action started', { action });
    return ACTIONS[action](dependencies);
  };
