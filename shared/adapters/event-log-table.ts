import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { createHash } from 'node:crypto';
import { isChildErased, type LetterEvent } from '../domain/events.js';
import { childPartition, ERASURE_KEYS } from './erasure-tombstones.js';

/**
 * The event log's table design. Terraform declares the same names, so change them only
 * together with infra/.
 * - an event: pk `LETTER#<letterId>`, sk `EVENT#<occurredAt>#<eventId>` (a letter's events sort oldest first);
 * - a ChildErased: pk `CHILD#<account, URI-encoded>#<childId>`, sk `EVENT#<occurredAt>#<eventId>`;
 * - an erased letter's tombstone: pk `LETTER#<letterId>`, sk `ERASED` (its events are deleted);
 * - erasure bookkeeping per account's child: see erasure-tombstones.ts;
 * - index `byDay`: partition `YYYY-MM-DD#SSS`, the day of occurredAt and one of `byDayShards` shards
 *   (a hash of pk), sort sk, to read a time range (events only). One key per day would put every
 *   event of the day on one index partition (1,000 write units/s, and index throttling throttles
 *   the table); 128 shards keep each key under 1% of the writes: at 50,000 letters/s with 1.5
 *   headroom, 586 events/s per key. Events archived before sharding sit under the bare day, which
 *   readers query too until they expire (see docs/performance.md, "Write hot spots");
 * - TTL: every item has `expiresAt` (epoch seconds), a season after its event.
 */
export const EVENT_LOG_TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  byDayIndex: 'byDay',
  byDayPartitionKey: 'day',
  byDaySortKey: 'sk',
  byDayShards: 128,
  letterKeyPrefix: 'LETTER#',
  eventKeyPrefix: 'EVENT#',
  letterTombstoneSortKey: 'ERASED',
  expiresAt: ERASURE_KEYS.expiresAt,
} as const;

/** The TTL attribute of the event log table (Terraform's `ttl { attribute_name }`). */
export const EVENT_LOG_TTL_ATTRIBUTE = EVENT_LOG_TABLE.expiresAt;

/** The primary key of one event in the log: in its letter's partition, or its child's for a ChildErased. */
export const eventKey = (event: LetterEvent): { pk: string; sk: string } => ({
  pk: isChildErased(event) ? childPartition(event.ownerId, event.data.childId) : eventLogPartitionKey(event.letterId),
  sk: `${eventSortKeyFrom(event.occurredAt)}#${event.eventId}`,
});

/** The partition key holding all events of one letter. */
export const eventLogPartitionKey = (letterId: string): string => `${EVENT_LOG_TABLE.letterKeyPrefix}${letterId}`;

/** The lowest sort key of events that occurred at or after `since` (an ISO date or time). */
export const eventSortKeyFrom = (since: string): string => `${EVENT_LOG_TABLE.eventKeyPrefix}${since}`;

/** The day (`YYYY-MM-DD`) an ISO timestamp falls in. */
export const eventDay = (isoTimestamp: string): string => isoTimestamp.slice(0, 10);

/** The shard of the byDay index an item of partition `pk` is written to, 0 to byDayShards - 1. */
export const byDayShard = (pk: string): number => createHash('md5').update(pk).digest().readUInt32BE(0) % EVENT_LOG_TABLE.byDayShards;

/** The byDay index key of an item with partition key `pk` whose event occurred at `isoTimestamp`. */
export const byDayKey = (pk: string, isoTimestamp: string): string => `${eventDay(isoTimestamp)}#${String(byDayShard(pk)).padStart(3, '0')}`;

/** Every byDay index key of one day: each shard's, then the bare day of events archived before sharding. */
export const byDayKeysOf = (day: string): string[] => [
  ...Array.from({ length: EVENT_LOG_TABLE.byDayShards }, (_, shard) => `${day}#${String(shard).padStart(3, '0')}`),
  day,
];

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
