import { createDynamoDocumentClient } from '../../shared/adapters/dynamodb-client.js';
import { createEventLogObserver } from '../../shared/adapters/event-log-observer.js';
import { createEventLogReader } from '../../shared/adapters/event-log-reader.js';
import { readEnv } from '../../shared/lambda/config.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { httpHandler } from '../../shared/http/middleware.js';
import { letterHistory } from './letter-history.js';

const env = readEnv(['EVENT_LOG_TABLE_NAME'], ['LOG_LEVEL']);
const client = createDynamoDocumentClient();
const eventLog = { ...createEventLogReader({ client, tableName: env.EVENT_LOG_TABLE_NAME }), ...createEventLogObserver({ client, tableName: env.EVENT_LOG_TABLE_NAME }) };

export const handler = httpHandler(createLogger('letter-history', env.LOG_LEVEL), letterHistory({ eventLog }));
