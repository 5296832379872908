import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChildErasureKey } from '../domain/child-pseudonyms.js';
import { LEGACY_OWNER_ID, type ChildErased, type ContentEvent } from '../domain/events.js';
import { expiryOf } from '../domain/retention.js';
import { writeIfCondition } from './dynamodb-client.js';

/**
 * The erasure bookkeeping a table keeps beside its own items (letters view and event log
 * alike), all in one partition per account's child, `CHILD#<erasure key>` (a keyed hash of
 * account and child id, so no tombstone holds the raw child id):
 * - sk `ERASED`: the child tombstone, `erasedAt` the latest erasure time;
 * - sk `LETTER#<letterId>`: a letter that named the child, `firstNamedAt` its earliest content
 *   event naming it, so an erasure finds the letters it erases whatever child they name now.
 * Ids and times only. Both sides write first and read second with strongly consistent reads
 * (a content event: its letter entry, then the tombstone; an erasure: its tombstone, then the
 * entries), so whichever comes second sees the other, without transactions.
 */
export const ERASURE_KEYS = {
  childKeyPrefix: 'CHILD#',
  childTombstoneSortKey: 'ERASED',
  letterEntryPrefix: 'LETTER#',
  expiresAt: 'expiresAt',
} as const;

/** The partition of one account's child, named by its erasure key. */
export const childPartition = (erasureKey: ChildErasureKey, ownerId: string, childId: string): string =>
  `${ERASURE_KEYS.childKeyPrefix}${erasureKey(ownerId, childId)}`;

export interface ErasureTombstones {
  /** Notes which letters the content events name, and answers those erased (letterId → erasure time). */
  erasedAmong(events: readonly ContentEvent[]): Promise<Map<string, string>>;
  /** Records an erasure's child tombstone and answers the letters it erases. */
  erasedBy(erasure: ChildErased): Promise<string[]>;
}

/** Erasure bookkeeping on a table keyed by `pk` and `sk`; every item expires `retentionDays` after its event. */
export const createErasureTombstones = ({
  client,
  tableName,
  retentionDays,
  childErasureKey,
}: {
  client: DynamoDBDocumentClient;
  tableName: string;
  retentionDays: number;
  childErasureKey: ChildErasureKey;
}): ErasureTombstones => {
  // Sets `attribute` (and `extra`) only where none is stored or the new value is smaller ('<') or greater ('>').
  const update = (key: { pk: string; sk: string }, attribute: string, value: unknown, wins: '<' | '>', extra: Record<string, unknown> = {}) =>
    writeIfCondition(() =>
      client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: `SET ${[attribute, ...Object.keys(extra)].map((name) => `#${name} = :${name}`).join(', ')}`,
          ConditionExpression: `attribute_not_exists(#${attribute}) OR #${attribute} ${wins === '>' ? '<' : '>'} :${attribute}`,
          ExpressionAttributeNames: Object.fromEntries([attribute, ...Object.keys(extra)].map((name) => [`#${name}`, name])),
          ExpressionAttributeValues: Object.fromEntries(Object.entries({ [attribute]: value, ...extra }).map(([name, v]) => [`:${name}`, v])),
        }),
      ),
    );

  const erasedAt = async (partition: string): Promise<string | undefined> => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: { pk: partition, sk: ERASURE_KEYS.childTombstoneSortKey }, ConsistentRead: true }),
    );
    return Item?.['erasedAt'] as string | undefined;
  };

  const noteLetter = async (entry: LetterEntry): Promise<[string, string] | undefined> => {
    const key = { pk: entry.partition, sk: `${ERASURE_KEYS.letterEntryPrefix}${entry.letterId}` };
    await update(key, 'firstNamedAt', entry.first, '<', { letterId: entry.letterId });
    await update(key, ERASURE_KEYS.expiresAt, expiryOf(entry.last, retentionDays), '>');
    const erased = await erasedAt(entry.partition);
    return erased !== undefined && entry.first <= erased ? [entry.letterId, erased] : undefined;
  };

  const erasedAmong = async (events: readonly ContentEvent[]): Promise<Map<string, string>> => {
    const found = await Promise.all([...lettersNamed(events, childErasureKey).values()].map(noteLetter));
    return new Map(found.filter((hit): hit is [string, string] => hit !== undefined));
  };

  const erasedBy = async (erasure: ChildErased): Promise<string[]> => {
    const partition = childPartition(childErasureKey, erasure.ownerId, erasure.data.childId);
    await update({ pk: partition, sk: ERASURE_KEYS.childTombstoneSortKey }, 'erasedAt', erasure.occurredAt, '>', {
      [ERASURE_KEYS.expiresAt]: expiryOf(erasure.occurredAt, retentionDays),
    });
    const letterIds: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
          FilterExpression: 'firstNamedAt <= :at',
          ExpressionAttributeValues: { ':pk': partition, ':entry': ERASURE_KEYS.letterEntryPrefix, ':at': erasure.occurredAt },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      letterIds.push(...(page.Items ?? []).map((item) => String(item['letterId'])));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return letterIds;
  };

  return { erasedAmong, erasedBy };
};

interface LetterEntry {
  partition: string;
  letterId: string;
  first: string;
  last: string;
}

// One entry per (account, child, letter) of a batch: its earliest and latest content event.
const lettersNamed = (events: readonly ContentEvent[], childErasureKey: ChildErasureKey): Map<string, LetterEntry> => {
  const entries = new Map<string, LetterEntry>();
  for (const event of events) {
    const { ownerId } = event;
    // Version 1 letters belong to no family, so no erasure can name them.
    if (ownerId === LEGACY_OWNER_ID) continue;
    const partition = childPartition(childErasureKey, ownerId, event.data.child.id);
    const id = `${partition}|${event.letterId}`;
    const entry = entries.get(id) ?? { partition, letterId: event.letterId, first: event.occurredAt, last: event.occurredAt };
    entries.set(id, { ...entry, first: event.occurredAt < entry.first ? event.occurredAt : entry.first, last: event.occurredAt > entry.last ? event.occurredAt : entry.last });
  }
  return entries;
};
