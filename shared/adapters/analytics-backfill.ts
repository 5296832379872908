import type { Sql } from 'postgres';

/** What a backfill run did: the letters it counted into the aggregates, and whether none is left. */
export interface BackfillResult {
  counted: number;
  done: boolean;
}

/**
 * Counts the letters written before the aggregates existed into them, a few thousand per
 * transaction in letter order: each batch locks only its own rows, for milliseconds, so the
 * projector keeps writing (the triggers make a row count exactly once, whoever touches it
 * first). Stops at `deadline` (a time in ms) and can be run again to continue.
 */
export const backfillAnalytics = async (
  sql: Sql,
  { batchSize = 5000, deadline = Number.POSITIVE_INFINITY, now = Date.now }: { batchSize?: number; deadline?: number; now?: () => number } = {},
): Promise<BackfillResult> => {
  let counted = 0;
  let after = '';
  while (now() < deadline) {
    // Locked in letter order, as the projector locks them, so the two never deadlock. The next
    // batch starts after this one's last id, compared by the database (its collation orders ids).
    const [row] = await sql`
      WITH batch AS (
        SELECT letter_id FROM letters
        WHERE letter_id > ${after} AND NOT aggregated
        ORDER BY letter_id LIMIT ${batchSize}
        FOR UPDATE
      ), updated AS (
        UPDATE letters l SET aggregated = true FROM batch
        WHERE l.letter_id = batch.letter_id AND NOT l.aggregated
        RETURNING l.letter_id
      )
      SELECT (SELECT max(letter_id) FROM batch) AS last, (SELECT count(*) FROM updated) AS counted`;
    if (row?.last == null) return { counted, done: true };
    counted += Number(row.counted);
    after = String(row.last);
  }
  return { counted, done: false };
};
