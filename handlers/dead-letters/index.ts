import { createLogger } from '../../shared/lambda/logger.js';
import { wireOperations } from '../../shared/lambda/operations-wiring.js';
import { httpHandler } from '../../shared/http/middleware.js';
import { deadLetters } from './dead-letters.js';

const { queues, probe, peek, logLevel } = wireOperations();

export const handler = httpHandler(createLogger('dead-letters', logLevel), deadLetters({ queues, probe, peek }));
