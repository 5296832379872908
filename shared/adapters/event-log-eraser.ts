import { DeleteCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChildErasureKey } from '../domain/child-pseudonyms.js';
import { isLetterChange } from '../domain/erasure.js';
import { isChildErased, isContentEvent, type LetterEvent } from '../domain/events.js';
import { expiryOf } from '../domain/retention.js';
import { settleAll, writeIfCondition } from './dynamodb-client.js';
import { createErasureTombstones } from './erasure-tombstones.js';
import { EVENT_LOG_TABLE, eventLogPartitionKey } from './event-log-table.js';

/**
 * The event log's side of erasure, run after a batch is appended: finds the letters the batch
 * erases (by a ChildErased, a child tombstone, or their own letter tombstone), writes each
 * one's letter tombstone (sk `ERASED` in its partition), then deletes its events. An event
 * appended later for such a letter finds the tombstone and is deleted in turn, so the log
 * never keeps, and a replay never restores, an erased letter.
 */
export const createEventLogEraser = ({
  client,
  tableName,
  retentionDays,
  childErasureKey,
}: {
  client: DynamoDBDocumentClient;
  tableName: string;
  retentionDays: number;
  childErasureKey: ChildErasureKey;
}): { eraseAfterAppend(events: readonly LetterEvent[]): Promise<void> } => {
  const tombstones = createErasureTombstones({ client, tableName, retentionDays, childErasureKey });
  const tombstoneKey = (letterId: string) => ({ pk: eventLogPartitionKey(letterId), sk: EVENT_LOG_TABLE.letterTombstoneSortKey });

  const isErased = async (letterId: string): Promise<string | undefined> => {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: tombstoneKey(letterId), ConsistentRead: true }));
    return Item?.['erasedAt'] as string | undefined;
  };

  const eraseLetter = async (letterId: string, erasedAt: string): Promise<void> => {
    await writeIfCondition(() =>
      client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...tombstoneKey(letterId), letterId, erasedAt, [EVENT_LOG_TABLE.expiresAt]: expiryOf(erasedAt, retentionDays) },
          ConditionExpression: 'attribute_not_exists(erasedAt) OR erasedAt < :erasedAt',
          ExpressionAttributeValues: { ':erasedAt': erasedAt },
        }),
      ),
    );
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :event)',
          ExpressionAttributeValues: { ':pk': eventLogPartitionKey(letterId), ':event': EVENT_LOG_TABLE.eventKeyPrefix },
          ProjectionExpression: 'pk, sk',
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      await settleAll((page.Items ?? []).map((key) => client.send(new DeleteCommand({ TableName: tableName, Key: key }))));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  };

  const eraseAfterAppend = async (events: readonly LetterEvent[]): Promise<void> => {
    const erased = await tombstones.erasedAmong(events.filter(isContentEvent));
    for (const erasure of events.filter(isChildErased)) {
      for (const letterId of await tombstones.erasedBy(erasure)) {
        if (!(erased.get(letterId)! >= erasure.occurredAt)) erased.set(letterId, erasure.occurredAt);
      }
    }
    const others = [...new Set(events.filter(isLetterChange).map((event) => event.letterId))].filter((letterId) => !erased.has(letterId));
    for (const [letterId, erasedAt] of await Promise.all(others.map(async (id) => [id, await isErased(id)] as const))) {
      if (erasedAt !== undefined) erased.set(letterId, erasedAt);
    }
    await settleAll([...erased].map(([letterId, erasedAt]) => eraseLetter(letterId, erasedAt)));
  };

  return { eraseAfterAppend };
};
