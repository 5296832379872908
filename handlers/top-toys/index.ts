import { createAnalyticsReader } from '../../shared/adapters/analytics-reader.js';
import { createSql, databaseConfigFromEnv } from '../../shared/adapters/postgres-client.js';
import { readEnv } from '../../shared/lambda/config.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { httpHandler } from '../../shared/http/middleware.js';
import { topToys } from './top-toys.js';

const env = readEnv([], ['LOG_LEVEL']);
const analytics = createAnalyticsReader(createSql(databaseConfigFromEnv()));

export const handler = httpHandler(createLogger('top-toys', env.LOG_LEVEL), topToys({ analytics }));
