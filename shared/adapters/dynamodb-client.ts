import { ConditionalCheckFailedException, DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The one DynamoDB client factory: a DocumentClient that drops undefined attributes.
 * The endpoint comes from the SDK's own settings (AWS_ENDPOINT_URL_DYNAMODB locally) or `options.endpoint`.
 */
export const createDynamoDocumentClient = (options: DynamoDBClientConfig = {}): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(new DynamoDBClient(options), {
    marshallOptions: { removeUndefinedValues: true },
  });

/**
 * Runs a conditional write; false when its condition failed (the write was stale or a
 * duplicate, so there is nothing to do). Every other error is rethrown.
 */
export const writeIfCondition = async (write: () => Promise<unknown>): Promise<boolean> => {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

/**
 * Runs independent writes concurrently and throws the first failure only once all have
 * settled, so no write is still in flight when the caller retries.
 */
export const settleAll = async (writes: Promise<unknown>[]): Promise<void> => {
  const results = await Promise.allSettled(writes);
  const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
};
