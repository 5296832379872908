import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { createSql, databaseConfigFromEnv } from '../../shared/adapters/postgres-client.js';
import { readEnv } from '../../shared/lambda/config.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { purgeExpired } from './purge-expired.js';

// EventBridge Scheduler (daily) → PostgreSQL as analytics_writer: deletes what has expired.
// Rows carry their expiry (the projector stamps it from RETENTION_DAYS), so no clock maths here.
const env = readEnv([], ['LOG_LEVEL']);
const logger = createLogger('purge-expired', env.LOG_LEVEL);
const sql = createSql(databaseConfigFromEnv());

export const handler = middy()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(purgeExpired({ sql, now: () => new Date(), logger }));
