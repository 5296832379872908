import type { Sql } from 'postgres';

/** One aggregate row that differs from what a scan of the letters computes (null: no such row). */
export interface AnalyticsDifference {
  aggregate: 'toys' | 'country-toys' | 'countries' | 'children' | 'distinct';
  key: string;
  expected: Record<string, number> | null;
  actual: Record<string, number> | null;
}

/** What a consistency check found: the letters scanned, those the backfill has yet to count, and every difference. */
export interface AnalyticsCheck {
  letters: number;
  lettersNotCounted: number;
  differences: AnalyticsDifference[];
}

/**
 * Recomputes every aggregate from a full scan of the letters and compares it, row by row, with
 * the stored aggregates, in one snapshot (REPEATABLE READ), so the projector may keep writing.
 */
export const checkAnalytics = (sql: Sql): Promise<AnalyticsCheck> =>
  sql.begin('ISOLATION LEVEL REPEATABLE READ READ ONLY', async (tx) => {
    const [counts] = await tx`SELECT count(*) AS letters, count(*) FILTER (WHERE NOT aggregated) AS not_counted FROM letters`;
    const differences = await tx<AnalyticsDifference[]>`
      WITH active AS (
        SELECT * FROM letters WHERE content_version IS NOT NULL AND status = 'active'
      ), letter_toys AS (
        SELECT a.letter_id, a.country, t.toy COLLATE "C" AS toy, sum(t.quantity) AS quantity
        FROM active a CROSS JOIN LATERAL jsonb_to_recordset(a.toys) AS t(toy text, quantity integer)
        GROUP BY 1, 2, 3
      ), expected AS (
        SELECT 'toys' AS aggregate, toy AS key, jsonb_build_object('quantity', sum(quantity), 'letters', count(*)) AS v
        FROM letter_toys GROUP BY toy
        UNION ALL
        SELECT 'country-toys', country || ' ' || toy, jsonb_build_object('quantity', sum(quantity), 'letters', count(*))
        FROM letter_toys GROUP BY country, toy
        UNION ALL
        SELECT 'countries', l.country, jsonb_build_object(
          'active', count(*) FILTER (WHERE l.status = 'active'),
          'withdrawn', count(*) FILTER (WHERE l.status = 'withdrawn'),
          'quantity', coalesce(sum((SELECT sum(t.quantity) FROM jsonb_to_recordset(l.toys) AS t(quantity integer))) FILTER (WHERE l.status = 'active'), 0))
        FROM letters l WHERE l.content_version IS NOT NULL GROUP BY l.country
        UNION ALL
        SELECT 'children', child_id, jsonb_build_object('letters', count(*)) FROM active GROUP BY child_id
        UNION ALL
        SELECT 'distinct', 'toys', jsonb_build_object('n', (SELECT count(DISTINCT toy) FROM letter_toys))
        UNION ALL
        SELECT 'distinct', 'children', jsonb_build_object('n', (SELECT count(DISTINCT child_id) FROM active))
      ), actual AS (
        SELECT 'toys' AS aggregate, toy AS key, jsonb_build_object('quantity', quantity, 'letters', letters) AS v
        FROM analytics_toys WHERE quantity <> 0 OR letters <> 0
        UNION ALL
        SELECT 'country-toys', country || ' ' || toy, jsonb_build_object('quantity', quantity, 'letters', letters)
        FROM analytics_country_toys WHERE quantity <> 0 OR letters <> 0
        UNION ALL
        SELECT 'countries', country, jsonb_build_object('active', sum(active), 'withdrawn', sum(withdrawn), 'quantity', sum(quantity))
        FROM analytics_countries GROUP BY country HAVING sum(active) <> 0 OR sum(withdrawn) <> 0 OR sum(quantity) <> 0
        UNION ALL
        SELECT 'children', child_key, jsonb_build_object('letters', letters) FROM analytics_children
        UNION ALL
        SELECT 'distinct', kind, jsonb_build_object('n', coalesce(sum(n), 0))
        FROM (VALUES ('toys'), ('children')) AS kinds(kind) LEFT JOIN analytics_distinct USING (kind) GROUP BY kind
      )
      SELECT coalesce(e.aggregate, a.aggregate) AS aggregate, coalesce(e.key, a.key) AS key, e.v AS expected, a.v AS actual
      FROM expected e FULL JOIN actual a ON a.aggregate = e.aggregate AND a.key = e.key
      WHERE e.v IS DISTINCT FROM a.v
      ORDER BY 1, 2`;
    return { letters: Number(counts?.letters ?? 0), lettersNotCounted: Number(counts?.not_counted ?? 0), differences: [...differences] };
  });
