import { createAnalyticsStore } from '../../shared/adapters/analytics-store.js';
import { createSql, databaseConfigFromEnv } from '../../shared/adapters/postgres-client.js';
import { readEnv } from '../../shared/config.js';
import { createLogger } from '../../shared/logger.js';
import { httpHandler } from '../../shared/middleware.js';
import { topToys } from './top-toys.js';

const env = readEnv([], ['LOG_LEVEL']);
const analytics = createAnalyticsStore(createSql(databaseConfigFromEnv()));

export const handler = httpHandler(createLogger('top-toys', env.LOG_LEVEL), topToys({ analytics }));
