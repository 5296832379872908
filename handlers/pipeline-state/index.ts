import { createLogger } from '../../shared/lambda/logger.js';
import { wireOperations } from '../../shared/lambda/operations-wiring.js';
import { httpHandler } from '../../shared/http/middleware.js';
import { pipelineState } from './pipeline-state.js';

const { queues, probe, logLevel } = wireOperations();

export const handler = httpHandler(createLogger('pipeline-state', logLevel), pipelineState({ queues, probe }));
