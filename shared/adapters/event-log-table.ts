import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The event log's table design. Terraform declares the same names, so change them only
 * together with infra/.
 * - an event: pk `LETTER#<letterId>`, sk `EVENT#<occurredAt>#<eventId>` (a letter's events sort oldest first);
 * - index `byDay`: partition day `YYYY-MM-DD` of occurredAt, sort sk, to read a time range.
 */
export const EVENT_LOG_TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  byDayIndex: 'byDay',
  byDayPartitionKey: 'day',
  byDaySortKey: 'sk',
  letterKeyPrefix: 'LETTER#',
  eventKeyPrefix: 'EVENT#',
} as const;

/** The primary key of one event in the log. */
export const eventKey = (event: {
  letterId: string;
  occurredAt: string;
  eventId: string;
}): { pk: string; sk: string } => ({
  pk: eventLogPartitionKey(event.letterId),
  sk: `${eventSortKeyFrom(event.occurredAt)}#${event.eventId}`,
});

/** The partition key holding all events of one letter. */
export const eventLogPartitionKey = (letterId: string): string => `${EVENT_LOG_TABLE.letterKeyPrefix}${letterId}`;

/** The lowest sort key of events that occurred at or after `since` (an ISO date or time). */
export const eventSortKeyFrom = (since: string): string => `${EVENT_LOG_TABLE.eventKeyPrefix}${since}`;

/** The byDay partition an ISO timestamp falls in. */
export const eventDay = (isoTimestamp: string): string => isoTimestamp.slice(0, 10);

/** The CreateTable input of the event log table (local mode and tests; Terraform mirrors it). */
export const eventLogTableDefinition = (tableName: string): CreateTableCommandInput => ({
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: EVENT_LOG_TABLE.partitionKey, AttributeType: 'S' },
    { AttributeName: EVENT_LOG_TABLE.sortKey, AttributeType: 'S' },
    { AttributeName: EVENT_LOG_TABLE.byDayPartitionKey, AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: EVENT_LOG_TABLE.partitionKey, KeyType: 'HASH' },
    { AttributeName: EVENT_LOG_TABLE.sortKey, KeyType: 'RANGE' },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: EVENT_LOG_TABLE.byDayIndex,
      KeySchema: [
        { AttributeName: EVENT_LOG_TABLE.byDayPartitionKey, KeyType: 'HASH' },
        { AttributeName: EVENT_LOG_TABLE.byDaySortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    },
  ],
});
