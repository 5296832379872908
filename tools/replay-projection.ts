import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Sql } from 'postgres';
import { createAnalyticsStore } from '../shared/adapters/analytics-store.js';
import { createEventLogReader } from '../shared/adapters/event-log-reader.js';
import { createLettersStore } from '../shared/adapters/letters-store.js';
import { LETTERS_TABLE } from '../shared/adapters/letters-table.js';
import type { ChildErasureKey, ChildPseudonym } from '../shared/domain/child-pseudonyms.js';
import type { LetterEvent } from '../shared/domain/events.js';
import type { Projection } from '../shared/domain/ports.js';

/** The read stores that can be rebuilt, named after their queues. */
export const PROJECTIONS = ['letters-view', 'letters-analytics'] as const;
export type ProjectionName = (typeof PROJECTIONS)[number];

/** Where a replay reads and writes. */
export interface ReplayStores {
  dynamo: DynamoDBDocumentClient;
  tables: { letters: string; eventLog: string };
  sql: () => Sql;
  /** The analytics projector's child pseudonyms (its key set); only letters-analytics needs it. */
  childPseudonym?: () => ChildPseudonym;
  /** The letters projector's child erasure key (its key set); only letters-view needs it. */
  childErasureKey?: () => ChildErasureKey;
}

export interface ReplayOptions {
  /** Only events with occurredAt at or after this ISO time (or YYYY-MM-DD). */
  since?: string;
  /** Events per apply(); the projection folds each batch per letter. */
  batchSize?: number;
  onProgress?: (done: number) => void;
  /** The clock bounding a --since scan of the log (it reads day by day up to tomorrow). */
  now?: () => Date;
}

const DEFAULT_BATCH = 100;

/**
 * Applies events to a projection in batches, through its own apply(). Projections are a pure
 * function of the set of events, so a replay over a live store, a repeated replay, or a replay
 * racing the consumer all converge on the same state. Resolves to the number of events read.
 */
export const replayEvents = async (
  events: AsyncIterable<LetterEvent>,
  projection: Projection,
  { batchSize = DEFAULT_BATCH, onProgress }: Pick<ReplayOptions, 'batchSize' | 'onProgress'> = {},
): Promise<number> => {
  let batch: LetterEvent[] = [];
  let done = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await projection.apply(batch);
    done += batch.length;
    batch = [];
    onProgress?.(done);
  };
  for await (const event of events) {
    batch.push(event);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return done;
};

const pseudonymOf = (stores: ReplayStores): ChildPseudonym => {
  if (!stores.childPseudonym) throw new Error('letters-analytics needs the child pseudonym key set (CHILD_PSEUDONYM_KEYS)');
  return stores.childPseudonym();
};

const erasureKeyOf = (stores: ReplayStores): ChildErasureKey => {
  if (!stores.childErasureKey) throw new Error('letters-view needs the child erasure key set (CHILD_ERASURE_KEYS)');
  return stores.childErasureKey();
};

/** The projection code the consumer of that queue runs, on the given stores. */
export const projectionFor = (name: ProjectionName, stores: ReplayStores): Projection =>
  name === 'letters-view'
    ? createLettersStore({ client: stores.dynamo, tableName: stores.tables.letters, childErasureKey: erasureKeyOf(stores) })
    : createAnalyticsStore(stores.sql(), { childPseudonym: pseudonymOf(stores) });

/** Rebuilds one read store from the event log; the other store is not touched. */
export const replayProjection = (name: ProjectionName, stores: ReplayStores, options: ReplayOptions = {}): Promise<number> => {
  const eventLog = createEventLogReader({ client: stores.dynamo, tableName: stores.tables.eventLog, ...(options.now ? { now: options.now } : {}) });
  return replayEvents(eventLog.scan(options.since === undefined ? {} : { since: options.since }), projectionFor(name, stores), options);
};

/** The event log's item count as DynamoDB last computed it (refreshed about every 6 hours on AWS): for a progress bar only. */
export const approximateEventCount = async (stores: ReplayStores): Promise<number | undefined> => {
  const { Table } = await stores.dynamo.send(new DescribeTableCommand({ TableName: stores.tables.eventLog }));
  return Table?.ItemCount;
};

// BatchWriteItem takes at most 25 requests.
const DELETE_BATCH = 25;

const deleteKeys = async (client: DynamoDBDocumentClient, tableName: string, keys: Record<string, unknown>[]) => {
  let pending = keys.map((Key) => ({ DeleteRequest: { Key } }));
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
    const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
    pending = (UnprocessedItems?.[tableName] ?? []) as typeof pending;
  }
};

/** Deletes every letter item of the letters view (the table and its index stay); resolves to the count. */
export const wipeLettersView = async (client: DynamoDBDocumentClient, tableName: string): Promise<number> => {
  let deleted = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        ProjectionExpression: '#pk, #sk',
        // Letter tombstones stay with the rest of the erasure bookkeeping: the log keeps no erasure to replay.
        FilterExpression: 'begins_with(#pk, :prefix) AND #sk = :sk AND attribute_not_exists(erasedAt)',
        ExpressionAttributeNames: { '#pk': LETTERS_TABLE.partitionKey, '#sk': LETTERS_TABLE.sortKey },
        ExpressionAttributeValues: { ':prefix': LETTERS_TABLE.letterKeyPrefix, ':sk': LETTERS_TABLE.letterSortKey },
        ExclusiveStartKey: startKey,
      }),
    );
    const keys = page.Items ?? [];
    for (let i = 0; i < keys.length; i += DELETE_BATCH) await deleteKeys(client, tableName, keys.slice(i, i + DELETE_BATCH));
    deleted += keys.length;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return deleted;
};

/**
 * Empties the analytics letters and the children they named (the replay recomputes both);
 * erasure tombstones stay, so nothing erased comes back. Needs a role allowed to TRUNCATE (the owner).
 */
export const wipeAnalytics = async (sql: Sql): Promise<number> => {
  const [row] = await sql`SELECT count(*) AS count FROM letters`;
  await sql`TRUNCATE letters, analytics_letter_children`;
  return Number(row?.count ?? 0);
};

/** Empties one read store before a full rebuild. */
export const wipeProjection = (name: ProjectionName, stores: ReplayStores): Promise<number> =>
  name === 'letters-view' ? wipeLettersView(stores.dynamo, stores.tables.letters) : wipeAnalytics(stores.sql());
