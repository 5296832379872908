import type { Logger } from '@aws-lambda-powertools/logger';
import type { Sql } from 'postgres';
import { purgeExpiredAnalytics, type PurgeResult } from '../../shared/adapters/analytics-purge.js';

/** What purge-expired needs: the analytics database, the clock, a logger. */
export interface PurgeExpiredDeps {
  sql: Sql;
  now: () => Date;
  logger: Logger;
}

/** The scheduled purge: deletes analytics rows and tombstones past their expiry; logs the count only. */
export const purgeExpired = (deps: PurgeExpiredDeps) => async (): Promise<PurgeResult> => {
  const result = await purgeExpiredAnalytics(deps.sql, { now: deps.now });
  deps.logger.info('purged expired analytics rows', { purged: result.purged });
  return result;
};
