import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The command quota table: one item per account and minute, `pk` = `<account, URI-encoded>#<window
 * start, epoch seconds>`, `count` the commands taken, `expiresAt` (TTL) shortly after the
 * window. Terraform declares the same names; change them only together with infra/.
 */
export const QUOTA_TABLE = {
  partitionKey: 'pk',
  count: 'count',
  ttlAttribute: 'expiresAt',
} as const;

/** The CreateTable input of the quota table (local mode and tests). */
export const commandQuotaTableDefinition = (tableName: string): CreateTableCommandInput => ({
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: QUOTA_TABLE.partitionKey, AttributeType: 'S' }],
  KeySchema: [{ AttributeName: QUOTA_TABLE.partitionKey, KeyType: 'HASH' }],
});
