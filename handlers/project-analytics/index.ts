import { createAnalyticsStore } from '../../shared/adapters/analytics-store.js';
import { createSql, databaseConfigFromEnv } from '../../shared/adapters/postgres-client.js';
import { readEnv } from '../../shared/lambda/config.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { sqsHandler } from '../../shared/http/middleware.js';
import { projectAnalytics } from './project-analytics.js';

const env = readEnv([], ['LOG_LEVEL']);
const logger = createLogger('project-analytics', env.LOG_LEVEL);
const analytics = createAnalyticsStore(createSql(databaseConfigFromEnv()));

export const handler = sqsHandler(logger, projectAnalytics({ analytics, logger }));
