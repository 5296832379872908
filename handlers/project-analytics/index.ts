import { createAnalyticsStore } from '../../shared/adapters/analytics-store.js';
import { createSql, databaseConfigFromEnv } from '../../shared/adapters/postgres-client.js';
import { readEnv } from '../../shared/lambda/config.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { createMetrics } from '../../shared/lambda/metrics.js';
import { projectBatch } from '../../shared/lambda/project-batch.js';
import { sqsHandler } from '../../shared/http/middleware.js';

// SQS letters-analytics → PostgreSQL: applies letter events to the analytics tables.
const env = readEnv(['POWERTOOLS_METRICS_NAMESPACE'], ['LOG_LEVEL']);
const logger = createLogger('project-analytics', env.LOG_LEVEL);
const metrics = createMetrics('project-analytics', env.POWERTOOLS_METRICS_NAMESPACE);
const analytics = createAnalyticsStore(createSql(databaseConfigFromEnv()));

export const handler = sqsHandler(logger, metrics, projectBatch({ projection: analytics, logger, metrics }));
