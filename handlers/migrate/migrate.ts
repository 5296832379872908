import type { Logger } from '@aws-lambda-powertools/logger';
import type { Sql } from 'postgres';
import { runMigrations } from '../../shared/adapters/migrations.js';

/** Applies pending schema migrations; answers the names applied (none when up to date). */
export const migrate =
  ({ connect, logger }: { connect: () => Promise<Sql>; logger: Logger }) =>
  async (): Promise<{ applied: string[] }> => {
    const sql = await connect();
    const applied = await runMigrations(sql);
    logger.info('migrations applied', { applied });
    return { applied };
  };
