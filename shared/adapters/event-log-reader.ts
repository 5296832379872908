import { QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseLetterEvent, type LetterEvent } from '../domain/events.js';
import type { EventLogReader, Page } from '../domain/ports.js';
import { isExpired } from '../domain/retention.js';
import { decodeHistoryCursor, encodeHistoryCursor } from './event-log-cursor.js';
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
 * Reads the event log on one table (see event-log-table.ts); `now` bounds scan({ since }), and
 * a letter's history leaves out events past their expiry at `now` (TTL deletes them later).
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
  // Unexpired events of a letter, oldest first, from startKey on, until `enough` of them or the end.
  const readHistory = async (letterId: string, startAfter: string | undefined, enough = Number.POSITIVE_INFINITY) => {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined =
      startAfter === undefined ? undefined : { [EVENT_LOG_TABLE.partitionKey]: eventLogPartitionKey(letterId), [EVENT_LOG_TABLE.sortKey]: startAfter };
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :event)',
          FilterExpression: 'attribute_not_exists(#expiresAt) OR #expiresAt > :now',
          ExpressionAttributeNames: { '#pk': EVENT_LOG_TABLE.partitionKey, '#sk': EVENT_LOG_TABLE.sortKey, '#expiresAt': EVENT_LOG_TABLE.expiresAt },
          ExpressionAttributeValues: {
            ':pk': eventLogPartitionKey(letterId),
            ':event': EVENT_LOG_TABLE.eventKeyPrefix,
            ':now': Math.floor(now().getTime() / 1000),
          },
          ScanIndexForward: true,
          ExclusiveStartKey: startKey,
          ...(Number.isFinite(enough) ? { Limit: enough - items.length } : {}),
        }),
      );
      items.push(...(page.Items ?? []).filter((item) => !isExpired(item[EVENT_LOG_TABLE.expiresAt] as number | undefined, now())));
      startKey = page.LastEvaluatedKey;
    } while (startKey && items.length < enough);
    return items;
  };

  const history = async (letterId: string): Promise<LetterEvent[]> => (await readHistory(letterId, undefined)).map(fromItem);

  // One event more than asked tells whether a next page exists, so no cursor leads to an empty page.
  const historyPage = async (letterId: string, { limit, cursor }: { limit: number; cursor?: string }): Promise<Page<LetterEvent>> => {
    const items = await readHistory(letterId, cursor === undefined ? undefined : decodeHistoryCursor(cursor), limit + 1);
    const pageItems = items.slice(0, limit);
    const last = pageItems.at(-1);
    return {
      items: pageItems.map(fromItem),
      nextCursor: items.length > limit && last ? encodeHistoryCursor(String(last[EVENT_LOG_TABLE.sortKey])) : null,
    };
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

  return { history, historyPage, scan };
};

// Parsed again on the way out so a stored event that no longer fits the contract fails loudly.
const fromItem = (item: Record<string, unknown>): LetterEvent => parseLetterEvent(String(item['event']));
