import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseLetterEvent } from '../domain/events.js';
import type { EventLogObserver, RecordedEvent } from '../domain/observation-ports.js';
import { EVENT_LOG_TABLE, eventLogPartitionKey, eventSortKeyFrom } from './event-log-table.js';

/**
 * Looks up one event of a letter and the letter's tombstone in the event log with one Query:
 * the tombstone's sort key (`ERASED`) sorts just before every event's (`EVENT#…`), and the
 * event's own key is known from its version, so the range between them holds both, beside
 * the letter's earlier events (a handful; a filter cannot name key attributes). The read role
 * needs nothing beyond Query.
 */
export const createEventLogObserver = ({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): EventLogObserver => {
  const observeEvent = async (letterId: string, { occurredAt, eventId }: { occurredAt: string; eventId: string }): Promise<RecordedEvent> => {
    const eventSortKey = `${eventSortKeyFrom(occurredAt)}#${eventId}`;
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :tombstone AND :event',
          ExpressionAttributeNames: { '#pk': EVENT_LOG_TABLE.partitionKey, '#sk': EVENT_LOG_TABLE.sortKey },
          ExpressionAttributeValues: {
            ':pk': eventLogPartitionKey(letterId),
            ':tombstone': EVENT_LOG_TABLE.letterTombstoneSortKey,
            ':event': eventSortKey,
          },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const event = items.find((item) => item[EVENT_LOG_TABLE.sortKey] === eventSortKey);
    return {
      recorded: event !== undefined,
      ownerId: event === undefined ? undefined : parseLetterEvent(String(event['event'])).ownerId,
      erased: items.some((item) => item[EVENT_LOG_TABLE.sortKey] === EVENT_LOG_TABLE.letterTombstoneSortKey),
    };
  };

  return { observeEvent };
};
