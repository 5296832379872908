import type { Logger } from '@aws-lambda-powertools/logger';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Sql } from 'postgres';
import { backfillAnalytics, type BackfillResult } from '../../shared/adapters/analytics-backfill.js';
import { checkAnalytics, type AnalyticsCheck } from '../../shared/adapters/analytics-check.js';
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
  /** Letters counted into the analytics aggregates this run; done is false if the run must be repeated. */
  backfill: BackfillResult;
}

/** What the function is asked to do: migrate (the default), or check the analytics aggregates against the letters. */
export interface MigrateEvent {
  action?: 'migrate' | 'analytics-check';
}

// The backfill stops this long before the invocation's own timeout, so a run always reports.
const BACKFILL_MARGIN_MS = 10_000;

/**
 * Applies pending schema migrations, then (given role secrets) sets a password for each
 * application role whose secret is still empty and stores it there, then counts letters not
 * yet in the analytics aggregates into them. `{"action":"analytics-check"}` only compares the
 * aggregates with a scan of the letters and answers the differences.
 */
export const migrate =
  ({ connect, logger, roleSecrets }: { connect: () => Promise<Sql>; logger: Logger; roleSecrets?: RoleSecrets }) =>
  async (
    event: MigrateEvent = {},
    context?: { getRemainingTimeInMillis(): number },
  ): Promise<MigrateResult | AnalyticsCheck> => {
    const sql = await connect();
    if (event.action === 'analytics-check') {
      const check = await checkAnalytics(sql);
      logger.info('analytics checked', { letters: check.letters, lettersNotCounted: check.lettersNotCounted, differences: check.differences.length });
      return check;
    }
    const applied = await runMigrations(sql);
    logger.info('migrations applied', { applied });
    // After the migrations, which create the roles.
    const rolesProvisioned = roleSecrets ? await provisionRoleCredentials({ sql, ...roleSecrets }) : [];
    logger.info('role passwords provisioned', { rolesProvisioned });
    const deadline = context ? Date.now() + context.getRemainingTimeInMillis() - BACKFILL_MARGIN_MS : Number.POSITIVE_INFINITY;
    const backfill = await backfillAnalytics(sql, { deadline });
    logger.info('analytics backfilled', { ...backfill });
    return { applied, rolesProvisioned, backfill };
  };
