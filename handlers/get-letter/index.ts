import { createDynamoDocumentClient } from '../../shared/adapters/dynamodb-client.js';
import { createLettersReader } from '../../shared/adapters/letters-reader.js';
import { readEnv } from '../../shared/lambda/config.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { httpHandler } from '../../shared/http/middleware.js';
import { getLetter } from './get-letter.js';

const env = readEnv(['LETTERS_TABLE_NAME'], ['LOG_LEVEL']);
const letters = createLettersReader({ client: createDynamoDocumentClient(), tableName: env.LETTERS_TABLE_NAME });

export const handler = httpHandler(createLogger('get-letter', env.LOG_LEVEL), getLetter({ letters }));
