import { PutCommand, QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseLetterEvent, type LetterEvent } from '../domain/events.js';
import type { EventLogReader, Projection } from '../domain/ports.js';
import { DEFAULT_RETENTION_DAYS, expiryOf } from '../domain/retention.js';
import { createEventLogEraser } from './event-log-eraser.js';
import { settleAll, writeIfCondition } from './dynamodb-client.js';
import { EVENT_LOG_TABLE, eventDay, eventKey, eventLogPartitionKey, eventSortKeyFrom } from './event-log-table.js';

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
export interface EventLog extends EventLogReader, Projection {
  /** Stores events not stored yet; a duplicate is ignored. */
  append(events: LetterEvent[]): Promise<void>;
  /** Every event with occurredAt >= since (all when omitted), oldest first within a letter. */
  scan(options?: { since?: string }): AsyncIterable<LetterEvent>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
// Only the form events are stamped in (or a bare date), because sort keys compare as strings.
const SINCE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}\.\d{3}Z)?$/u;

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

  const history = async (letterId: string): Promise<LetterEvent[]> => {
    const events: LetterEvent[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :event)',
          ExpressionAttributeNames: { '#pk': EVENT_LOG_TABLE.partitionKey, '#sk': EVENT_LOG_TABLE.sortKey },
          ExpressionAttributeValues: { ':pk': eventLogPartitionKey(letterId), ':event': EVENT_LOG_TABLE.eventKeyPrefix },
          ScanIndexForward: true,
          ExclusiveStartKey: startKey,
        }),
      );
      events.push(...(page.Items ?? []).map(fromItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return events;
  };

  // A Scan reads each letter's item collection in sort-key order, so a letter's events come oldest first.
  async function* scanAll(): AsyncGenerator<LetterEvent> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
      // Events only, not the tombstones and bookkeeping beside them.
      yield* (page.Items ?? []).filter((item) => item['event'] !== undefined).map(fromItem);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  async function* scanDay(day: string, since: string): AsyncGenerator<LetterEvent> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: EVENT_LOG_TABLE.byDayIndex,
          KeyConditionExpression: '#day = :day AND #sk >= :from',
          ExpressionAttributeNames: { '#day': EVENT_LOG_TABLE.byDayPartitionKey, '#sk': EVENT_LOG_TABLE.byDaySortKey },
          ExpressionAttributeValues: { ':day': day, ':from': eventSortKeyFrom(since) },
          ScanIndexForward: true,
          ExclusiveStartKey: startKey,
        }),
      );
      yield* (page.Items ?? []).map(fromItem);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  async function* scan({ since }: { since?: string } = {}): AsyncGenerator<LetterEvent> {
    if (since === undefined) {
      yield* scanAll();
      return;
    }
    const first = Date.parse(`${eventDay(since)}T00:00:00.000Z`);
    if (!SINCE.test(since) || Number.isNaN(first)) {
      throw new RangeError(`since must be YYYY-MM-DD or YYYY-MM-DDTHH:mm:ss.sssZ, not "${since}"`);
    }
    // One day past today, for events stamped by a producer whose clock runs ahead.
    const last = now().getTime() + DAY_MS;
    for (let day = first; day <= last; day += DAY_MS) {
      yield* scanDay(new Date(day).toISOString().slice(0, 10), since);
    }
  }

  return { apply: append, append, history, scan };
};

const toItem = (event: LetterEvent, retentionDays: number): EventLogItem => ({
  ...eventKey(event),
  day: eventDay(event.occurredAt),
  ...('letterId' in event ? { letterId: event.letterId } : {}),
  eventId: event.eventId,
  type: event.type,
  occurredAt: event.occurredAt,
  event: JSON.stringify(event),
  expiresAt: expiryOf(event.occurredAt, retentionDays),
});

// Parsed again on the way out so a stored event that no longer fits the contract fails loudly.
const fromItem = (item: Record<string, unknown>): LetterEvent => parseLetterEvent(String(item['event']));
