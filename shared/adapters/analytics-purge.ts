import type { Sql } from 'postgres';

/** How many rows (letters, pseudonym history, tombstones) one purge deleted. */
export interface PurgeResult {
  purged: number;
}

/**
 * Deletes every analytics row and tombstone whose expires_at is at or before now(), `batchSize`
 * per table per statement (short transactions beside the projector), until none is left. Letters
 * go through the delete trigger, so the aggregates stay exact. Then folds what is pending.
 */
export const purgeExpiredAnalytics = async (sql: Sql, { now, batchSize = 1000 }: { now: () => Date; batchSize?: number }): Promise<PurgeResult> => {
  const cutoff = now().toISOString();
  let purged = 0;
  for (;;) {
    const [row] = await sql<{ n: string }[]>`SELECT analytics_purge_expired(${cutoff}, ${batchSize}) AS n`;
    const n = Number(row?.n ?? 0);
    purged += n;
    if (n === 0) break;
  }
  // What no batch has folded yet (the last ones of a quiet day) goes into the aggregates.
  await sql`SELECT analytics_fold()`;
  return { purged };
};
