import { createDynamoDocumentClient } from '../../shared/adapters/dynamodb-client.js';
import { createEventLog } from '../../shared/adapters/event-log.js';
import { readEnv } from '../../shared/lambda/config.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { sqsHandler } from '../../shared/http/middleware.js';
import { archiveEvents } from './archive-events.js';

const env = readEnv(['EVENT_LOG_TABLE_NAME'], ['LOG_LEVEL']);
const logger = createLogger('archive-events', env.LOG_LEVEL);
const eventLog = createEventLog({ client: createDynamoDocumentClient(), tableName: env.EVENT_LOG_TABLE_NAME });

export const handler = sqsHandler(logger, archiveEvents({ eventLog, logger }));
