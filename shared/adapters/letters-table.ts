import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The letters view's single-table design. Terraform declares the same names, so change
 * them only together with infra/.
 * - a letter: pk `LETTER#<letterId>`, sk `LETTER`;
 * - index `byChild`: partition gsi1pk `CHILD#<childId>`, sort submittedAt (sparse: only
 *   letters whose content is known are in it).
 */
export const LETTERS_TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  byChildIndex: 'byChild',
  byChildPartitionKey: 'gsi1pk',
  byChildSortKey: 'submittedAt',
  letterKeyPrefix: 'LETTER#',
  letterSortKey: 'LETTER',
  childKeyPrefix: 'CHILD#',
} as const;

/** The primary key of a letter's item. */
export const letterKey = (letterId: string): { pk: string; sk: string } => ({
  pk: `${LETTERS_TABLE.letterKeyPrefix}${letterId}`,
  sk: LETTERS_TABLE.letterSortKey,
});

/** The byChild partition key value of a child's letters. */
export const childPartitionKey = (childId: string): string => `${LETTERS_TABLE.childKeyPrefix}${childId}`;

/** The CreateTable input of the letters table (local mode and tests; Terraform mirrors it). */
export const lettersTableDefinition = (tableName: string): CreateTableCommandInput => ({
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: LETTERS_TABLE.partitionKey, AttributeType: 'S' },
    { AttributeName: LETTERS_TABLE.sortKey, AttributeType: 'S' },
    { AttributeName: LETTERS_TABLE.byChildPartitionKey, AttributeType: 'S' },
    { AttributeName: LETTERS_TABLE.byChildSortKey, AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: LETTERS_TABLE.partitionKey, KeyType: 'HASH' },
    { AttributeName: LETTERS_TABLE.sortKey, KeyType: 'RANGE' },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: LETTERS_TABLE.byChildIndex,
      KeySchema: [
        { AttributeName: LETTERS_TABLE.byChildPartitionKey, KeyType: 'HASH' },
        { AttributeName: LETTERS_TABLE.byChildSortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    },
  ],
});
