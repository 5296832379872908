import type { Logger } from '@aws-lambda-powertools/logger';
import { createSnsClient, createSnsPublisher } from '../adapters/sns-publisher.js';
import type { CommandDependencies } from '../http/commands.js';
import { readEnv } from './config.js';
import { systemIdsAndClock } from '../domain/ids.js';
import { createLogger } from './logger.js';

/** Cold-start wiring shared by the command functions: checked environment, logger, SNS publisher. */
export const wireCommandFunction = (name: string): { logger: Logger; deps: CommandDependencies } => {
  const env = readEnv(['LETTERS_TOPIC_ARN'], ['LOG_LEVEL']);
  const publish = createSnsPublisher({ client: createSnsClient(), topicArn: env.LETTERS_TOPIC_ARN });
  return { logger: createLogger(name, env.LOG_LEVEL), deps: { publish, idsAndClock: systemIdsAndClock } };
};
