import { createAnalyticsStore } from '../../shared/adapters/analytics-store.js';
import { loadChildPseudonym } from '../../shared/adapters/child-pseudonym-keys.js';
import { createSql, databaseConfigFromEnv } from '../../shared/adapters/postgres-client.js';
import { readEnv } from '../../shared/lambda/config.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { createMetrics } from '../../shared/lambda/metrics.js';
import { projectBatch } from '../../shared/lambda/project-batch.js';
import { sqsHandler } from '../../shared/http/middleware.js';

// SQS letters-analytics → PostgreSQL: applies letter events and erasures to the analytics tables.
const env = readEnv(['POWERTOOLS_METRICS_NAMESPACE'], ['LOG_LEVEL', 'RETENTION_DAYS', 'CHILD_PSEUDONYM_KEYS_SECRET_ARN', 'CHILD_PSEUDONYM_KEYS']);
const logger = createLogger('project-analytics', env.LOG_LEVEL);
const metrics = createMetrics('project-analytics', env.POWERTOOLS_METRICS_NAMESPACE);
// Loaded once at cold start; the key never leaves this function.
const childPseudonym = await loadChildPseudonym({ secretArn: env.CHILD_PSEUDONYM_KEYS_SECRET_ARN, value: env.CHILD_PSEUDONYM_KEYS });
const analytics = createAnalyticsStore(createSql(databaseConfigFromEnv()), {
  childPseudonym,
  ...(env.RETENTION_DAYS ? { retentionDays: Number(env.RETENTION_DAYS) } : {}),
});

export const handler = sqsHandler(logger, metrics, projectBatch({ projection: analytics, logger, metrics }));
