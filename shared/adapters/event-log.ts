import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChildErasureKey } from '../domain/child-pseudonyms.js';
import { isChildErased, type ChildErased, type LetterChange, type LetterEvent } from '../domain/events.js';
import type { Projection } from '../domain/ports.js';
import { DEFAULT_RETENTION_DAYS, expiryOf } from '../domain/retention.js';
import { createEventLogEraser } from './event-log-eraser.js';
import { settleAll, writeIfCondition } from './dynamodb-client.js';
import { createEventLogReader, type EventLogScanner } from './event-log-reader.js';
import { childPartition } from './erasure-tombstones.js';
import { byDayKey, EVENT_LOG_TABLE, erasureKey, eventKey, eventLogPartitionKey } from './event-log-table.js';

/** One event of a letter as the log stores it: the exact JSON received, plus the keys to find it by. */
export interface EventLogItem {
  pk: string;
  sk: string;
  day: string;
  letterId: string;
  eventId: string;
  type: LetterChange['type'];
  occurredAt: string;
  event: string;
  expiresAt: number;
}

/** A ChildErased as the log stores it: in its child's partition, ids and time only, without the raw child id. */
export interface StoredErasure {
  pk: string;
  sk: string;
  eventId: string;
  type: ChildErased['type'];
  occurredAt: string;
  expiresAt: number;
}

/** The append-only event log: each event stored once, read back per letter or by time. */
export interface EventLog extends EventLogScanner, Projection {
  /** Stores events not stored yet; a duplicate is ignored. */
  append(events: LetterEvent[]): Promise<void>;
}

/**
 * The event log on one table; see event-log-table.ts for its keys. `now` bounds scan({ since }).
 * Append-only but for erasure: an erased letter's events are deleted, for good.
 */
export const createEventLog = ({
  client,
  tableName,
  now = () => new Date(),
  retentionDays = DEFAULT_RETENTION_DAYS,
  childErasureKey,
}: {
  client: DynamoDBDocumentClient;
  tableName: string;
  now?: () => Date;
  retentionDays?: number;
  /** Names the child of a ChildErased and of the tombstones: a keyed hash of account and child id. */
  childErasureKey: ChildErasureKey;
}): EventLog => {
  const eraser = createEventLogEraser({ client, tableName, retentionDays, childErasureKey });
  const toItem = (event: LetterEvent): EventLogItem | StoredErasure =>
    isChildErased(event) ? toStoredErasure(event, childPartition(childErasureKey, event.ownerId, event.data.childId), retentionDays) : toEventItem(event, retentionDays);
  const appendOne = (event: LetterEvent) =>
    writeIfCondition(() =>
      client.send(
        new PutCommand({
          TableName: tableName,
          Item: toItem(event),
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': EVENT_LOG_TABLE.partitionKey },
        }),
      ),
    );

  // Appended first, erased second: see event-log-eraser.ts for why that order is safe.
  const append = async (events: LetterEvent[]): Promise<void> => {
    await settleAll(events.map(appendOne));
    await eraser.eraseAfterAppend(events);
  };

  return { apply: append, append, ...createEventLogReader({ client, tableName, now }) };
};

const toStoredErasure = (event: ChildErased, partition: string, retentionDays: number): StoredErasure => ({
  ...erasureKey(partition, event),
  eventId: event.eventId,
  type: event.type,
  occurredAt: event.occurredAt,
  expiresAt: expiryOf(event.occurredAt, retentionDays),
});

const toEventItem = (event: LetterChange, retentionDays: number): EventLogItem => ({
  ...eventKey(event),
  day: byDayKey(eventLogPartitionKey(event.letterId), event.occurredAt),
  letterId: event.letterId,
  eventId: event.eventId,
  type: event.type,
  occurredAt: event.occurredAt,
  event: JSON.stringify(event),
  expiresAt: expiryOf(event.occurredAt, retentionDays),
});

