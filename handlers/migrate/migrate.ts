import type { Logger } from '@aws-lambda-powertools/logger';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Sql } from 'postgres';
import { runMigrations } from '../../shared/adapters/migrations.js';
import { provisionRoleCredentials, type ApplicationRole } from '../../shared/adapters/role-credentials.js';

/** Where the application roles' logins go: the client and each role's secret. */
export interface RoleSecrets {
  secrets: SecretsManagerClient;
  /** Role name → ARN of the secret RDS Proxy signs in with. */
  secretArns: Readonly<Record<string, string>>;
}

/** What a run did: the migrations applied and the roles given a first password (both empty when up to date). */
export interface MigrateResult {
  applied: string[];
  rolesProvisioned: ApplicationRole[];
}

/**
 * Applies pending schema migrations, then (given role secrets) sets a password for each
 * application role whose secret is still empty and stores it there.
 */
export const migrate =
  ({ connect, logger, roleSecrets }: { connect: () => Promise<Sql>; logger: Logger; roleSecrets?: RoleSecrets }) =>
  async (): Promise<MigrateResult> => {
    const sql = await connect();
    const applied = await runMigrations(sql);
    logger.info('migrations applied', { applied });
    // After the migrations, which create the roles.
    const rolesProvisioned = roleSecrets ? await provisionRoleCredentials({ sql, ...roleSecrets }) : [];
    logger.info('role passwords provisioned', { rolesProvisioned });
    return { applied, rolesProvisioned };
  };
