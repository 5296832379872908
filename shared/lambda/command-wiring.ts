import type { Logger } from '@aws-lambda-powertools/logger';
import { createCommandQuota } from '../adapters/command-quota.js';
import { createDynamoDocumentClient } from '../adapters/dynamodb-client.js';
import { DEFAULT_COMMANDS_PER_MINUTE } from '../domain/command-quota.js';
import { loadLetterIdKeySet } from '../adapters/letter-id-keys.js';
import { createSnsClient, createSnsPublisher } from '../adapters/sns-publisher.js';
import type { CommandDependencies } from '../http/commands.js';
import { readEnv } from './config.js';
import { systemIdsAndClock } from '../domain/ids.js';
import { createLetterIds } from '../domain/letter-ids.js';
import { createLogger } from './logger.js';

/** The value of open(), made on the first call and shared by every later one. */
const openOnce = <T>(open: () => Promise<T>): (() => Promise<T>) => {
  let opened: Promise<T> | undefined;
  return () => (opened ??= open());
};

/**
 * Cold-start wiring shared by the command functions: checked environment, logger, SNS
 * publisher, idempotency records, the account quotas (COMMANDS_PER_MINUTE, default 60), and
 * the letter id keys (from Secrets Manager in AWS, from LETTER_ID_KEYS locally), loaded once
 * so no request waits for them. The idempotency records (Powertools' utility, a DynamoDB
 * client) are opened by the first request with an Idempotency-Key: a cold start in a spike
 * pays only for what every request needs.
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
    idempotency: openOnce(async () => (await import('../adapters/idempotency-store.js')).createIdempotencyStore({ tableName: env.IDEMPOTENCY_TABLE_NAME })),
    takeQuota: createCommandQuota({
      client: createDynamoDocumentClient(),
      tableName: env.QUOTA_TABLE_NAME,
      limit: Number(env.COMMANDS_PER_MINUTE ?? DEFAULT_COMMANDS_PER_MINUTE),
    }),
  };
  return { logger: createLogger(name, env.LOG_LEVEL), deps };
};
