import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import { IDEMPOTENCY_TABLE } from './idempotency-table.js';

/** Where a command function keeps its idempotency records (Powertools' persistence layer). */
export type IdempotencyStore = BasePersistenceLayer;

/**
 * Idempotency records on a DynamoDB table. One store per function: Powertools configures a
 * store for the one function that uses it. The endpoint comes from the SDK's own settings
 * (AWS_ENDPOINT_URL_DYNAMODB locally) or `clientConfig`.
 */
export const createIdempotencyStore = ({
  tableName,
  clientConfig = {},
}: {
  tableName: string;
  clientConfig?: DynamoDBClientConfig;
}): IdempotencyStore =>
  new DynamoDBPersistenceLayer({
    tableName,
    keyAttr: IDEMPOTENCY_TABLE.partitionKey,
    expiryAttr: IDEMPOTENCY_TABLE.ttlAttribute,
    awsSdkV3Client: new DynamoDBClient(clientConfig),
  });
