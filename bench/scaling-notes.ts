import type { AnalyticsScaling } from './analytics-scaling.js';
import { ANALYTICS_PEAK_BATCH_SIZE, scalingRows } from './analytics-scaling.js';
import { scalingTable } from './scaling.js';

/** Which PostgreSQL rows one analytics event writes, and why none is written by every event: hand-written, rendered as is. */
export const ANALYTICS_ROWS_WRITTEN = `Each letter event writes, in PostgreSQL: its own \`letters\` row and its
\`analytics_letter_children\` row (keyed by the letter); its child's \`analytics_children\` row, which also
counts the child's active letters per country, toy and country-and-toy (keyed by the child's pseudonym, so
only that child's letters write it); and, pre-summed once per batch, new
\`analytics_pending\` rows (one per toy, country and toy, and country the batch touches), which are
inserted, never updated. The shared aggregate rows (a toy, a country and toy, a country, the distinct
counts) have one writer at a time: the batch that finds the fold free (\`pg_try_advisory_xact_lock\`, which
never waits) folds everything pending into them; every other batch leaves its changes pending and
commits. So no row is written by every event, or by every letter of a popular toy or country, in
concurrent transactions: a popular toy's row is written by the one folding transaction, and the rows
written by many transactions are either new (pending) or one child's. Readers add the pending rows
(a few batches' worth: each fold empties them) to the aggregates in one snapshot, so the answers stay
exact and bounded. Advisory locks that remain: one shared lock per batch (exclusive only for a batch
carrying an erasure, so erasures and the letters they erase never pass each other unseen) and one per
letter (two batches about one letter take turns); neither is shared by distinct fresh letters.`;

/** The scaling section's text: how it is measured, the figures of both revisions, what they mean. */
export const scalingNotes = (s: AnalyticsScaling | { error: string }): string => {
  if ('error' in s) return `Not measured: ${s.error}\n\n${ANALYTICS_ROWS_WRITTEN}`;
  return `Measured on the PostgreSQL server \`DATABASE_URL\` names (standalone: \`tsx bench/scaling-run.ts\`).
Each cell applies ${s.eventsPerCell.toLocaleString('en')} fresh letters (one \`LetterSubmitted\` each, a child of its own, 1–4 toys
drawn from a Zipf distribution, s = 1.1 over 2,000 toys, 15 countries) to emptied tables through
\`createAnalyticsStore(sql).apply\`, with that many writers (one connection each, without prepared statements,
as behind RDS Proxy) taking the next batch as they finish. While they run, \`pg_stat_activity\` is sampled
every few milliseconds for these writers' backends only; the lock-wait share is the share of the sampled
active ones with \`wait_event_type = 'Lock'\`. ${s.rounds} rounds, cells in a new random order each round, and in
each cell this revision's aggregates and migration 003's (every batch updating the shared aggregate rows)
in random order on the same letters. ${ANALYTICS_PEAK_BATCH_SIZE} is the batch size the sizing formula picks for the analytics
consumer at high peaks. After the last round a consistency check finds ${s.differences} rows differing from a scan.

This revision (median events/s, lock-wait share in brackets):

${scalingTable(scalingRows(s.cells))}

Migration 003's aggregates, same rounds:

${scalingTable(scalingRows(s.baselineCells))}

${ANALYTICS_ROWS_WRITTEN}`;
};
