import { QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseLetterEvent, type LetterEvent } from '../domain/events.js';
import type { EventLogReader } from '../domain/ports.js';
import { byDayKeysOf, EVENT_LOG_TABLE, eventDay, eventLogPartitionKey, eventSortKeyFrom } from './event-log-table.js';
import { mergeSorted } from './merge-sorted.js';

/** The event log's read side: a letter's history, and every event or those since a time. */
export interface EventLogScanner extends EventLogReader {
  /** Every event with occurredAt >= since (all when omitted), oldest first within a letter. */
  scan(options?: { since?: string }): AsyncIterable<LetterEvent>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
// Only the form events are stamped in (or a bare date), because sort keys compare as strings.
const SINCE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}\.\d{3}Z)?$/u;

/**
 * Reads the event log on one table (see event-log-table.ts); `now` bounds scan({ since }).
 * Apart from the writer, so a reader's bundle carries no write or erasure code.
 */
export const createEventLogReader = ({
  client,
  tableName,
  now = () => new Date(),
}: {
  client: DynamoDBDocumentClient;
  tableName: string;
  now?: () => Date;
}): EventLogScanner => {
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

  async function* queryIndexKey(key: string, since: string): AsyncGenerator<Record<string, unknown>> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: EVENT_LOG_TABLE.byDayIndex,
          KeyConditionExpression: '#day = :day AND #sk >= :from',
          ExpressionAttributeNames: { '#day': EVENT_LOG_TABLE.byDayPartitionKey, '#sk': EVENT_LOG_TABLE.byDaySortKey },
          ExpressionAttributeValues: { ':day': key, ':from': eventSortKeyFrom(since) },
          ScanIndexForward: true,
          ExclusiveStartKey: startKey,
        }),
      );
      yield* page.Items ?? [];
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  // A day's events are spread over the index's shards, each sorted by sk: merged back into time order.
  async function* scanDay(day: string, since: string): AsyncGenerator<LetterEvent> {
    const shards = byDayKeysOf(day).map((key) => queryIndexKey(key, since));
    for await (const item of mergeSorted(shards, (i) => String(i[EVENT_LOG_TABLE.byDaySortKey]))) yield fromItem(item);
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

  return { history, scan };
};

// Parsed again on the way out so a stored event that no longer fits the contract fails loudly.
const fromItem = (item: Record<string, unknown>): LetterEvent => parseLetterEvent(String(item['event']));
