import { createLogger } from '../../shared/lambda/logger.js';
import { wireOperations } from '../../shared/lambda/operations-wiring.js';
import { httpHandler } from '../../shared/http/middleware.js';
import { redriveDeadLetters } from './redrive-dead-letters.js';

const { queues, redrive, logLevel } = wireOperations();

export const handler = httpHandler(createLogger('redrive-dead-letters', logLevel), redriveDeadLetters({ queues, redrive }));
