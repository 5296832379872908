import type { Sql } from 'postgres';
import type { ContentEvent, LetterEvent } from '../domain/events.js';
import { eventVersion } from '../domain/events.js';
import type { Projection } from '../domain/ports.js';
import { normalizeToyName } from '../domain/toy-name.js';

/** How apply() writes: one statement per batch (default) or, to compare, one per event. */
export interface AnalyticsWriterOptions {
  batched?: boolean;
}

/** The key distinct children are counted by: the one place that decides who a child is. */
export const childKeyOf = (event: ContentEvent): string => event.data.child.id;

// A type alias, not an interface, so that it is assignable to postgres' JSONValue.
type EventRow = {
  letter_id: string;
  kind: 'submitted' | 'amended' | 'withdrawn';
  version: string;
  occurred_at: string;
  child_id: string | null;
  child_name: string | null;
  child_age: number | null;
  country: string | null;
  toys: { toy: string; name: string; quantity: number }[] | null;
  message: string | null;
};

const KIND = { LetterSubmitted: 'submitted', LetterAmended: 'amended', LetterWithdrawn: 'withdrawn' } as const;

const toRow = (event: LetterEvent): EventRow => {
  const content = event.type === 'LetterWithdrawn' ? undefined : event;
  return {
    letter_id: event.letterId,
    kind: KIND[event.type],
    version: eventVersion(event),
    occurred_at: event.occurredAt,
    child_id: content ? childKeyOf(content) : null,
    child_name: content?.data.child.name ?? null,
    child_age: content?.data.child.age ?? null,
    country: content?.data.child.country ?? null,
    toys: content ? content.data.toys.map((toy) => ({ toy: normalizeToyName(toy.name), name: toy.name, quantity: toy.quantity })) : null,
    message: content?.data.message ?? null,
  };
};

/**
 * Folds a batch's events per letter, then merges each into its stored row, in one statement:
 * - content: the latest LetterAmended, else the earliest LetterSubmitted (which only creates);
 * - status: the latest LetterAmended or LetterWithdrawn, 'active' while there is none;
 * - version and updated_at: the latest event of any type; submitted_at: the earliest content event.
 * "Latest" orders by occurredAt, then eventId (one "C"-collated string). Rows that would not
 * change are not touched; the triggers of migration 002 move each changed row's contribution
 * into the aggregates. letter_content_wins and letter_status_version read rows written before
 * that migration as if their content and status came from an amendment.
 */
const upsertLetters = async (sql: Sql, rows: EventRow[]): Promise<void> => {
  await sql`
    WITH e AS (
      SELECT * FROM jsonb_to_recordset(${sql.json(rows)}::jsonb) AS e(
        letter_id text, kind text, version text, occurred_at timestamptz, child_id text, child_name text,
        child_age smallint, country text, toys jsonb, message text)
    ), content AS (
      SELECT DISTINCT ON (letter_id) * FROM e WHERE kind <> 'withdrawn'
      ORDER BY letter_id, kind = 'amended' DESC,
               CASE WHEN kind = 'amended' THEN version END COLLATE "C" DESC, version COLLATE "C"
    ), status AS (
      SELECT DISTINCT ON (letter_id) letter_id, kind, version FROM e WHERE kind <> 'submitted'
      ORDER BY letter_id, version COLLATE "C" DESC
    ), latest AS (
      SELECT DISTINCT ON (letter_id) letter_id, version, occurred_at FROM e ORDER BY letter_id, version COLLATE "C" DESC
    ), first_content AS (
      SELECT letter_id, min(occurred_at) AS submitted_at FROM e WHERE kind <> 'withdrawn' GROUP BY letter_id
    )
    INSERT INTO letters AS l (
      letter_id, child_id, child_name, child_age, country, status, status_version,
      version, content_version, content_kind, submitted_at, updated_at, toys, message
    )
    SELECT
      latest.letter_id, c.child_id, c.child_name, c.child_age, c.country,
      CASE WHEN s.kind = 'withdrawn' THEN 'withdrawn' ELSE 'active' END, s.version,
      latest.version, c.version, c.kind, f.submitted_at, latest.occurred_at, coalesce(c.toys, '[]'::jsonb), c.message
    FROM latest
    LEFT JOIN content c ON c.letter_id = latest.letter_id
    LEFT JOIN status s ON s.letter_id = latest.letter_id
    LEFT JOIN first_content f ON f.letter_id = latest.letter_id
    -- Rows are locked in this order: concurrent batches touching the same letters cannot deadlock.
    ORDER BY latest.letter_id
    ON CONFLICT (letter_id) DO UPDATE SET
      status          = CASE WHEN letter_status_wins(excluded.status_version, l.status_version, l.content_kind, l.version) THEN excluded.status ELSE l.status END,
      status_version  = CASE WHEN letter_status_wins(excluded.status_version, l.status_version, l.content_kind, l.version)
                             THEN excluded.status_version ELSE letter_status_version(l.status_version, l.content_kind, l.version) END,
      updated_at      = CASE WHEN excluded.version > l.version THEN excluded.updated_at ELSE l.updated_at END,
      version         = CASE WHEN excluded.version > l.version THEN excluded.version ELSE l.version END,
      child_id        = CASE WHEN letter_content_wins(excluded.content_kind, excluded.content_version, l.content_kind, l.content_version) THEN excluded.child_id ELSE l.child_id END,
      child_name      = CASE WHEN letter_content_wins(excluded.content_kind, excluded.content_version, l.content_kind, l.content_version) THEN excluded.child_name ELSE l.child_name END,
      child_age       = CASE WHEN letter_content_wins(excluded.content_kind, excluded.content_version, l.content_kind, l.content_version) THEN excluded.child_age ELSE l.child_age END,
      country         = CASE WHEN letter_content_wins(excluded.content_kind, excluded.content_version, l.content_kind, l.content_version) THEN excluded.country ELSE l.country END,
      toys            = CASE WHEN letter_content_wins(excluded.content_kind, excluded.content_version, l.content_kind, l.content_version) THEN excluded.toys ELSE l.toys END,
      message         = CASE WHEN letter_content_wins(excluded.content_kind, excluded.content_version, l.content_kind, l.content_version) THEN excluded.message ELSE l.message END,
      content_kind    = CASE WHEN letter_content_wins(excluded.content_kind, excluded.content_version, l.content_kind, l.content_version)
                             THEN excluded.content_kind ELSE letter_content_kind(l.content_kind, l.content_version) END,
      content_version = CASE WHEN letter_content_wins(excluded.content_kind, excluded.content_version, l.content_kind, l.content_version) THEN excluded.content_version ELSE l.content_version END,
      submitted_at    = least(l.submitted_at, excluded.submitted_at),
      aggregated      = true
    WHERE excluded.version > l.version
       OR letter_content_wins(excluded.content_kind, excluded.content_version, l.content_kind, l.content_version)
       OR letter_status_wins(excluded.status_version, l.status_version, l.content_kind, l.version)
       OR excluded.submitted_at < l.submitted_at`;
};

/** The analytics projection: letter rows, and through them the aggregates. */
export const createAnalyticsWriter = (sql: Sql, { batched = true }: AnalyticsWriterOptions = {}): Projection => ({
  apply: async (events) => {
    if (events.length === 0) return;
    if (batched) {
      await upsertLetters(sql, events.map(toRow));
      return;
    }
    for (const event of events) await upsertLetters(sql, [toRow(event)]);
  },
});
