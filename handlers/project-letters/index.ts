import { createDynamoDocumentClient } from '../../shared/adapters/dynamodb-client.js';
import { createLettersStore } from '../../shared/adapters/letters-store.js';
import { readEnv } from '../../shared/lambda/config.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { sqsHandler } from '../../shared/http/middleware.js';
import { projectLetters } from './project-letters.js';

const env = readEnv(['LETTERS_TABLE_NAME'], ['LOG_LEVEL']);
const logger = createLogger('project-letters', env.LOG_LEVEL);
const letters = createLettersStore({ client: createDynamoDocumentClient(), tableName: env.LETTERS_TABLE_NAME });

export const handler = sqsHandler(logger, projectLetters({ letters, logger }));
