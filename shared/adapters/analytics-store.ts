import type { Sql } from 'postgres';
import type { LetterChange as LetterEvent } from '../domain/events.js';
import { applyLetterEvent, type LetterState } from '../domain/letter-projection.js';
import type { AnalyticsReader, AnalyticsSummary, Projection, TopToy } from '../domain/ports.js';
import { normalizeToyName } from '../domain/toy-name.js';

/** How apply() writes: one statement per batch (default) or, to compare, one per event. */
export interface AnalyticsStoreOptions {
  batched?: boolean;
}

// A type alias, not an interface, so that it is assignable to postgres' JSONValue.
type LetterRow = {
  letter_id: string;
  child_id: string | null;
  child_name: string | null;
  child_age: number | null;
  country: string | null;
  status: 'active' | 'withdrawn';
  version: string;
  content_version: string | null;
  submitted_at: string | null;
  updated_at: string;
  toys: { toy: string; name: string; quantity: number }[];
  message: string | null;
};

const toRow = (state: LetterState): LetterRow => {
  const content = state.content;
  return {
    letter_id: state.letterId,
    child_id: content?.child.id ?? null,
    child_name: content?.child.name ?? null,
    child_age: content?.child.age ?? null,
    country: content?.child.country ?? null,
    status: state.status,
    version: state.version,
    content_version: state.contentVersion ?? null,
    submitted_at: state.submittedAt ?? null,
    updated_at: state.updatedAt,
    toys: (content?.toys ?? []).map((toy) => ({ toy: normalizeToyName(toy.name), name: toy.name, quantity: toy.quantity })),
    message: content?.message ?? null,
  };
};

/** Each letter's events folded into one state, so a batch needs one row per letter. */
const foldByLetter = (events: readonly LetterEvent[]): LetterState[] => {
  const states = new Map<string, LetterState>();
  for (const event of events) states.set(event.letterId, applyLetterEvent(states.get(event.letterId), event));
  return [...states.values()];
};

/**
 * Merges folded states into stored rows with the rules of applyLetterEvent: status and
 * updated_at follow the newer version, the content columns the newer content version,
 * submitted_at the earlier time. Rows that would not change are not touched at all.
 */
const upsertLetters = async (sql: Sql, rows: LetterRow[]): Promise<void> => {
  await sql`
    INSERT INTO letters AS l (
      letter_id, child_id, child_name, child_age, country, status,
      version, content_version, submitted_at, updated_at, toys, message
    )
    SELECT
      r.letter_id, r.child_id, r.child_name, r.child_age, r.country, r.status,
      r.version, r.content_version, r.submitted_at, r.updated_at, r.toys, r.message
    FROM jsonb_to_recordset(${sql.json(rows)}::jsonb) AS r(
      letter_id text, child_id text, child_name text, child_age smallint, country text, status text,
      version text, content_version text, submitted_at timestamptz, updated_at timestamptz, toys jsonb, message text
    )
    -- Rows are locked in this order: concurrent batches touching the same letters cannot deadlock.
    ORDER BY r.letter_id
    ON CONFLICT (letter_id) DO UPDATE SET
      status          = CASE WHEN excluded.version > l.version THEN excluded.status ELSE l.status END,
      updated_at      = CASE WHEN excluded.version > l.version THEN excluded.updated_at ELSE l.updated_at END,
      version         = CASE WHEN excluded.version > l.version THEN excluded.version ELSE l.version END,
      child_id        = CASE WHEN excluded.content_version > coalesce(l.content_version, '') THEN excluded.child_id ELSE l.child_id END,
      child_name      = CASE WHEN excluded.content_version > coalesce(l.content_version, '') THEN excluded.child_name ELSE l.child_name END,
      child_age       = CASE WHEN excluded.content_version > coalesce(l.content_version, '') THEN excluded.child_age ELSE l.child_age END,
      country         = CASE WHEN excluded.content_version > coalesce(l.content_version, '') THEN excluded.country ELSE l.country END,
      toys            = CASE WHEN excluded.content_version > coalesce(l.content_version, '') THEN excluded.toys ELSE l.toys END,
      message         = CASE WHEN excluded.content_version > coalesce(l.content_version, '') THEN excluded.message ELSE l.message END,
      content_version = CASE WHEN excluded.content_version > coalesce(l.content_version, '') THEN excluded.content_version ELSE l.content_version END,
      submitted_at    = least(l.submitted_at, excluded.submitted_at)
    WHERE excluded.version > l.version
       OR excluded.content_version > coalesce(l.content_version, '')
       OR excluded.submitted_at < l.submitted_at`;
};

// Counts and sums arrive as int8 (strings in postgres.js); they fit a JS number by far.
const toNumber = (value: unknown): number => Number(value ?? 0);

/** The analytics projection and its queries over the letters table. */
export const createAnalyticsStore = (
  sql: Sql,
  { batched = true }: AnalyticsStoreOptions = {},
): Projection & AnalyticsReader => ({
  apply: async (allEvents) => {
    // ChildErased is not applied to analytics yet: it is left out here, and only here.
    const events = allEvents.filter((event): event is LetterEvent => event.type !== 'ChildErased');
    if (events.length === 0) return;
    if (batched) {
      await upsertLetters(sql, foldByLetter(events).map(toRow));
      return;
    }
    for (const event of events) await upsertLetters(sql, [toRow(applyLetterEvent(undefined, event))]);
  },

  topToys: async ({ limit, country }): Promise<TopToy[]> => {
    const rows = await sql`
      SELECT t.toy, sum(t.quantity) AS quantity, count(DISTINCT l.letter_id) AS letters
      FROM letters l
      CROSS JOIN LATERAL jsonb_to_recordset(l.toys) AS t(toy text, quantity int)
      WHERE l.status = 'active' AND l.content_version IS NOT NULL
        ${country === undefined ? sql`` : sql`AND l.country = ${country}`}
      GROUP BY t.toy
      ORDER BY quantity DESC, t.toy COLLATE "C"
      LIMIT ${limit}`;
    return rows.map((row) => ({ toy: String(row.toy), quantity: toNumber(row.quantity), letters: toNumber(row.letters) }));
  },

  summary: async (): Promise<AnalyticsSummary> => {
    // One statement, so every figure comes from the same snapshot.
    const [row] = await sql`
      WITH known AS (
        SELECT * FROM letters WHERE content_version IS NOT NULL
      ), active AS (
        SELECT known.*, (SELECT coalesce(sum(t.quantity), 0) FROM jsonb_to_recordset(known.toys) AS t(quantity int)) AS quantity
        FROM known WHERE status = 'active'
      ), toys AS (
        SELECT t.toy, t.quantity FROM active CROSS JOIN LATERAL jsonb_to_recordset(active.toys) AS t(toy text, quantity int)
      ), countries AS (
        SELECT country, count(*) AS letters, sum(quantity) AS quantity FROM active GROUP BY country
      )
      SELECT
        (SELECT count(*) FROM active) AS active,
        (SELECT count(*) FROM known WHERE status = 'withdrawn') AS withdrawn,
        (SELECT count(DISTINCT child_id) FROM active) AS children,
        (SELECT count(DISTINCT toy) FROM toys) AS distinct_toys,
        (SELECT coalesce(sum(quantity), 0) FROM toys) AS quantity,
        (SELECT coalesce(
          json_agg(json_build_object('country', country, 'letters', letters, 'quantity', quantity)
                   ORDER BY letters DESC, country COLLATE "C"),
          '[]'::json) FROM countries) AS countries`;
    const countries = (row?.countries ?? []) as { country: string; letters: unknown; quantity: unknown }[];
    return {
      letters: { active: toNumber(row?.active), withdrawn: toNumber(row?.withdrawn) },
      children: toNumber(row?.children),
      toys: { distinct: toNumber(row?.distinct_toys), quantity: toNumber(row?.quantity) },
      countries: countries.map((country) => ({
        country: country.country,
        letters: toNumber(country.letters),
        quantity: toNumber(country.quantity),
      })),
    };
  },
});
