import { createAnalyticsReader } from '../../shared/adapters/analytics-reader.js';
import { createSql, databaseConfigFromEnv } from '../../shared/adapters/postgres-client.js';
import { readEnv } from '../../shared/lambda/config.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { httpHandler } from '../../shared/http/middleware.js';
import { analyticsSummary } from './analytics-summary.js';

const env = readEnv([], ['LOG_LEVEL', 'ANALYTICS_MIN_CHILDREN']);
// Small groups stay hidden: DEFAULT_ANALYTICS_MIN_CHILDREN unless the environment says otherwise.
const analytics = createAnalyticsReader(createSql(databaseConfigFromEnv()), {
  ...(env.ANALYTICS_MIN_CHILDREN ? { minChildren: Number(env.ANALYTICS_MIN_CHILDREN) } : {}),
});

export const handler = httpHandler(createLogger('analytics-summary', env.LOG_LEVEL), analyticsSummary({ analytics }));
