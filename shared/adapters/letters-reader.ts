import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LetterView } from '../domain/letter.js';
import type { LetterObserver, ObservedLetter } from '../domain/observation-ports.js';
import type { LetterReader, Page, StoredLetter } from '../domain/ports.js';
import type { LetterProgress, ObservedPage } from '../domain/version-inclusion.js';
import { isExpired } from '../domain/retention.js';
import { decodeCursor, encodeCursor } from './letters-cursor.js';
import { childPartitionKey, itemProgress, itemToStoredLetter, LETTERS_TABLE, letterKey, type LetterItem } from './letters-table.js';

/**
 * The read side of the letters view on one table; see letters-table.ts for its keys. An item
 * past its expiry (at `now`) is absent, whether or not TTL has deleted it yet.
 */
export const createLettersReader = ({
  client,
  tableName,
  now = () => new Date(),
}: {
  client: DynamoDBDocumentClient;
  tableName: string;
  now?: () => Date;
}): LetterReader & LetterObserver => {
  const getItem = async (letterId: string): Promise<LetterItem | undefined> => {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: letterKey(letterId) }));
    const item = Item as LetterItem | undefined;
    return item && !isExpired(item.expiresAt, now()) ? item : undefined;
  };

  const get = async (letterId: string): Promise<StoredLetter | undefined> => {
    const item = await getItem(letterId);
    return item ? itemToStoredLetter(item) : undefined;
  };

  const observe = async (letterId: string): Promise<ObservedLetter> => {
    const item = await getItem(letterId);
    return { letter: item ? itemToStoredLetter(item) : undefined, progress: item ? itemProgress(item) : undefined };
  };

  const queryChild = async (
    ownerId: string,
    childId: string,
    { limit, cursor }: { limit: number; cursor?: string },
  ): Promise<{ items: LetterItem[]; nextCursor: string | null }> => {
    const partition = childPartitionKey(ownerId, childId);
    let startKey: Record<string, unknown> | undefined = cursor === undefined ? undefined : decodeCursor(cursor, partition);
    const items: LetterItem[] = [];
    // One item more than asked tells whether a next page exists, so no cursor leads to an empty page;
    // the loop also covers a Query cut short by DynamoDB's 1 MB page limit.
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: LETTERS_TABLE.byChildIndex,
          KeyConditionExpression: '#partition = :partition',
          FilterExpression: 'attribute_not_exists(#expiresAt) OR #expiresAt > :now',
          ExpressionAttributeNames: { '#partition': LETTERS_TABLE.byChildPartitionKey, '#expiresAt': LETTERS_TABLE.expiresAt },
          ExpressionAttributeValues: { ':partition': partition, ':now': Math.floor(now().getTime() / 1000) },
          ScanIndexForward: false,
          Limit: limit + 1 - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...((page.Items ?? []) as LetterItem[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey && items.length <= limit);

    const pageItems = items.slice(0, limit);
    const last = pageItems.at(-1);
    return { items: pageItems, nextCursor: items.length > limit && last ? encodeCursor(last) : null };
  };

  const listByChild = async (ownerId: string, childId: string, options: { limit: number; cursor?: string }): Promise<Page<LetterView>> => {
    const { items, nextCursor } = await queryChild(ownerId, childId, options);
    return { items: items.flatMap((item) => itemToStoredLetter(item)?.view ?? []), nextCursor };
  };

  const observeChild = async (ownerId: string, childId: string, options: { limit: number; cursor?: string }): Promise<ObservedPage> => {
    const { items, nextCursor } = await queryChild(ownerId, childId, options);
    const listed = items.flatMap((item) => {
      const view = itemToStoredLetter(item)?.view;
      return view ? [{ view, progress: itemProgress(item) }] : [];
    });
    return {
      items: listed.map(({ view }) => view),
      nextCursor,
      progress: new Map<string, LetterProgress>(listed.map(({ view, progress }) => [view.letterId, progress])),
    };
  };

  return { get, listByChild, observe, observeChild };
};
