import { QUOTA_TABLE } from '../shared/adapters/command-quota-table.js';
import { DeleteCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EVENT_LOG_TTL_ATTRIBUTE } from '../shared/adapters/event-log-table.js';
import { LETTERS_TTL_ATTRIBUTE } from '../shared/adapters/letters-table.js';
import type { TableNames } from './tables.js';
import { repeatEvery } from './repeat.js';

/** A table the sweeper clears and the attribute that holds its items' expiry (epoch seconds), as its TTL names it. */
export interface ExpiringTable {
  tableName: string;
  ttlAttribute: string;
}

/** The local tables with a TTL: the letters view and the event log (the idempotency table's records expire by their own rule). */
export const expiringTables = (tables: Pick<TableNames, 'letters' | 'eventLog'> & Partial<Pick<TableNames, 'quotas'>>): ExpiringTable[] => [
  { tableName: tables.letters, ttlAttribute: LETTERS_TTL_ATTRIBUTE },
  { tableName: tables.eventLog, ttlAttribute: EVENT_LOG_TTL_ATTRIBUTE },
  ...(tables.quotas ? [{ tableName: tables.quotas, ttlAttribute: QUOTA_TABLE.ttlAttribute }] : []),
];

/**
 * Deletes every item whose TTL attribute is at or before `now`, as DynamoDB's TTL would
 * (dynalite has none). Answers how many it deleted.
 */
export const sweepExpired = async ({ client, tables, now }: { client: DynamoDBDocumentClient; tables: ExpiringTable[]; now: () => Date }): Promise<number> => {
  const cutoff = Math.floor(now().getTime() / 1000);
  let deleted = 0;
  for (const { tableName, ttlAttribute } of tables) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: tableName,
          FilterExpression: '#ttl <= :cutoff',
          ExpressionAttributeNames: { '#ttl': ttlAttribute, '#pk': 'pk', '#sk': 'sk' },
          ExpressionAttributeValues: { ':cutoff': cutoff },
          ProjectionExpression: '#pk, #sk',
          ExclusiveStartKey: startKey,
        }),
      );
      for (const key of page.Items ?? []) await client.send(new DeleteCommand({ TableName: tableName, Key: key }));
      deleted += page.Items?.length ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  return deleted;
};

/** Sweeps every `intervalMs` until stopped; a failed sweep is reported and the next one tries again. */
export const startTtlSweeper = ({
  client,
  tables,
  now = () => new Date(),
  intervalMs = 60_000,
  onError = (error: unknown) => console.error(JSON.stringify({ msg: 'ttl sweep failed', error: String(error) })),
}: {
  client: DynamoDBDocumentClient;
  tables: ExpiringTable[];
  now?: () => Date;
  intervalMs?: number;
  onError?: (error: unknown) => void;
}): { stop(): Promise<void> } =>
  repeatEvery(intervalMs, () => sweepExpired({ client, tables, now }), onError);
