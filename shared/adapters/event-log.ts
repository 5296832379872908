import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LetterEvent } from '../domain/events.js';
import type { Projection } from '../domain/ports.js';
import { DEFAULT_RETENTION_DAYS, expiryOf } from '../domain/retention.js';
import { createEventLogEraser } from './event-log-eraser.js';
import { settleAll, writeIfCondition } from './dynamodb-client.js';
import { createEventLogReader, type EventLogScanner } from './event-log-reader.js';
import { byDayKey, EVENT_LOG_TABLE, eventKey } from './event-log-table.js';

/** One event as the log stores it: the exact JSON received, plus the keys to find it by. */
export interface EventLogItem {
  pk: string;
  sk: string;
  day: string;
  letterId?: string;
  eventId: string;
  type: LetterEvent['type'];
  occurredAt: string;
  event: string;
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
}: {
  client: DynamoDBDocumentClient;
  tableName: string;
  now?: () => Date;
  retentionDays?: number;
}): EventLog => {
  const eraser = createEventLogEraser({ client, tableName, retentionDays });
  const appendOne = (event: LetterEvent) =>
    writeIfCondition(() =>
      client.send(
        new PutCommand({
          TableName: tableName,
          Item: toItem(event, retentionDays),
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

const toItem = (event: LetterEvent, retentionDays: number): EventLogItem => {
  const key = eventKey(event);
  return {
    ...key,
    day: byDayKey(key.pk, event.occurredAt),
    ...('letterId' in event ? { letterId: event.letterId } : {}),
    eventId: event.eventId,
    type: event.type,
    occurredAt: event.occurredAt,
    event: JSON.stringify(event),
    expiresAt: expiryOf(event.occurredAt, retentionDays),
  };
};
