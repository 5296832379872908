import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The idempotency table of the command functions, with the attribute names of Powertools'
 * DynamoDB persistence layer (its defaults). Terraform declares the same names and turns on
 * TTL on `expiration`, so records go 24 hours after they were written; change them only
 * together with infra/.
 */
export const IDEMPOTENCY_TABLE = {
  partitionKey: 'id',
  ttlAttribute: 'expiration',
  localName: 'idempotency',
} as const;

/** The CreateTable input of the idempotency table (local mode and tests; dynalite has no TTL, which only keeps records longer). */
export const idempotencyTableDefinition = (tableName: string): CreateTableCommandInput => ({
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: IDEMPOTENCY_TABLE.partitionKey, AttributeType: 'S' }],
  KeySchema: [{ AttributeName: IDEMPOTENCY_TABLE.partitionKey, KeyType: 'HASH' }],
});
