import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { QUOTA_WINDOW_SECONDS, quotaWindowAt, type TakeCommandQuota } from '../domain/command-quota.js';
import { writeIfCondition } from './dynamodb-client.js';
import { QUOTA_TABLE } from './command-quota-table.js';

// A window's counter outlives it by a minute, so a clock a little behind still finds it.
const KEPT_AFTER_WINDOW_SECONDS = QUOTA_WINDOW_SECONDS;

/**
 * Per-account command quotas on their own table: one conditional UpdateItem per command adds
 * one to the account's counter of the current minute unless it already reached `limit`. No
 * read, and one item per account, so one account's flood never contends with another's.
 */
export const createCommandQuota = ({
  client,
  tableName,
  limit,
  now = () => new Date(),
}: {
  client: DynamoDBDocumentClient;
  tableName: string;
  limit: number;
  now?: () => Date;
}): TakeCommandQuota => {
  return async (accountId) => {
    const window = quotaWindowAt(now());
    const taken = await writeIfCondition(() =>
      client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { [QUOTA_TABLE.partitionKey]: `${encodeURIComponent(accountId)}#${window.startsAt}` },
          UpdateExpression: 'ADD #count :one SET #expiresAt = if_not_exists(#expiresAt, :expiresAt)',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#count': QUOTA_TABLE.count, '#expiresAt': QUOTA_TABLE.ttlAttribute },
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': limit,
            ':expiresAt': window.startsAt + QUOTA_WINDOW_SECONDS + KEPT_AFTER_WINDOW_SECONDS,
          },
        }),
      ),
    );
    return taken ? { allowed: true } : { allowed: false, limit, retryAfterSeconds: window.secondsLeft };
  };
};
