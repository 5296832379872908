import type { Logger } from '@aws-lambda-powertools/logger';
import { createCommandQuota } from '../adapters/command-quota.js';
import { createDynamoDocumentClient } from '../adapters/dynamodb-client.js';
import { createIdempotencyStore } from '../adapters/idempotency-store.js';
import { DEFAULT_COMMANDS_PER_MINUTE } from '../domain/command-quota.js';
import { loadLetterIdKeySet } from '../adapters/letter-id-keys.js';
import { createSnsClient, createSnsPublisher } from '../adapters/sns-publisher.js';
import type { CommandDependencies } from '../http/commands.js';
import { readEnv } from './config.js';
import { systemIdsAndClock } from '../domain/ids.js';
import { createLetterIds } from '../domain/letter-ids.js';
import { createLogger } from './logger.js';

/**
 * Cold-start wiring shared by the command functions: checked environment, logger, SNS
 * publisher, idempotency records, the account quotas (COMMANDS_PER_MINUTE, default 60), and
 * the letter id keys (from Secrets Manager in AWS, from LETTER_ID_KEYS locally), loaded once
 * so no request waits for them.
 */
export const wireCommandFunction = async (name: string): Promise<{ logger: Logger; deps: CommandDependencies }> => {
  const env = readEnv(
    ['LETTERS_TOPIC_ARN', 'IDEMPOTENCY_TABLE_NAME', 'QUOTA_TABLE_NAME'],
    ['LETTER_ID_KEYS_SECRET_ARN', 'LETTER_ID_KEYS', 'COMMANDS_PER_MINUTE', 'LOG_LEVEL'],
  );
  const keySet = await loadLetterIdKeySet({
    ...(env.LETTER_ID_KEYS_SECRET_ARN ? { secretArn: env.LETTER_ID_KEYS_SECRET_ARN } : {}),
    ...(env.LETTER_ID_KEYS ? { value: env.LETTER_ID_KEYS } : {}),
  });
  const deps: CommandDependencies = {
    publish: createSnsPublisher({ client: createSnsClient(), topicArn: env.LETTERS_TOPIC_ARN }),
    idsAndClock: systemIdsAndClock,
    letterIds: createLetterIds(keySet),
    idempotency: createIdempotencyStore({ tableName: env.IDEMPOTENCY_TABLE_NAME }),
    takeQuota: createCommandQuota({
      client: createDynamoDocumentClient(),
      tableName: env.QUOTA_TABLE_NAME,
      limit: Number(env.COMMANDS_PER_MINUTE ?? DEFAULT_COMMANDS_PER_MINUTE),
    }),
  };
  return { logger: createLogger(name, env.LOG_LEVEL), deps };
};
