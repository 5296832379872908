import type { Sql } from 'postgres';

/** One aggregate row that differs from what a scan of the letters computes (null: no such row). */
export interface AnalyticsDifference {
  aggregate: 'toys' | 'country-toys' | 'countries' | 'children' | 'child-groups' | 'distinct';
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
 * the stored aggregates plus the changes pending their fold (as the queries read them), and the
 * children's reference counts, in one snapshot (REPEATABLE READ), so the projector may keep writing.
 */
export const checkAnalytics = (sql: Sql): Promise<AnalyticsCheck> =>
  sql.begin('ISOLATION LEVEL REPEATABLE READ READ ONLY', async (tx) => {
    const [counts] = await tx`SELECT count(*) AS letters, count(*) FILTER (WHERE NOT aggregated) AS not_counted FROM letters`;
    const differences = await tx<AnalyticsDifference[]>`
      WITH active AS (
        SELECT * FROM letters WHERE content_version IS NOT NULL AND status = 'active'
      ), letter_toys AS (
        SELECT a.letter_id, a.child_id, a.country, t.toy COLLATE "C" AS toy, sum(t.quantity) AS quantity
        FROM active a CROSS JOIN LATERAL jsonb_to_recordset(a.toys) AS t(toy text, quantity integer)
        GROUP BY 1, 2, 3, 4
      ), expected AS (
        SELECT 'toys' AS aggregate, toy AS key,
               jsonb_build_object('quantity', sum(quantity), 'letters', count(*), 'children', count(DISTINCT child_id)) AS v
        FROM letter_toys GROUP BY toy
        UNION ALL
        SELECT 'country-toys', country || ' ' || toy,
               jsonb_build_object('quantity', sum(quantity), 'letters', count(*), 'children', count(DISTINCT child_id))
        FROM letter_toys GROUP BY country, toy
        UNION ALL
        SELECT 'countries', l.country, jsonb_build_object(
          'active', count(*) FILTER (WHERE l.status = 'active'),
          'withdrawn', count(*) FILTER (WHERE l.status = 'withdrawn'),
          'quantity', coalesce(sum((SELECT sum(t.quantity) FROM jsonb_to_recordset(l.toys) AS t(quantity integer))) FILTER (WHERE l.status = 'active'), 0),
          'children', count(DISTINCT l.child_id) FILTER (WHERE l.status = 'active'))
        FROM letters l WHERE l.content_version IS NOT NULL GROUP BY l.country
        UNION ALL
        SELECT 'children', child_id, jsonb_build_object('letters', count(*)) FROM active GROUP BY child_id
        UNION ALL
        SELECT 'child-groups', child_id || ' ' || country || ' ', jsonb_build_object('letters', count(*)) FROM active GROUP BY child_id, country
        UNION ALL
        SELECT 'child-groups', child_id || '  ' || toy, jsonb_build_object('letters', count(*)) FROM letter_toys GROUP BY child_id, toy
        UNION ALL
        SELECT 'child-groups', child_id || ' ' || country || ' ' || toy, jsonb_build_object('letters', count(*)) FROM letter_toys GROUP BY child_id, country, toy
        UNION ALL
        SELECT 'distinct', 'toys', jsonb_build_object('n', (SELECT count(DISTINCT toy) FROM letter_toys))
        UNION ALL
        SELECT 'distinct', 'children', jsonb_build_object('n', (SELECT count(DISTINCT child_id) FROM active))
      ), pending AS (
        SELECT kind, country, toy, sum(quantity) AS quantity, sum(letters) AS letters, sum(withdrawn) AS withdrawn, sum(children) AS children
        FROM analytics_pending GROUP BY kind, country, toy
      ), toys AS (
        SELECT coalesce(a.toy, p.toy) AS toy, coalesce(a.quantity, 0) + coalesce(p.quantity, 0) AS quantity,
               coalesce(a.letters, 0) + coalesce(p.letters, 0) AS letters, coalesce(a.children, 0) + coalesce(p.children, 0) AS children
        FROM analytics_toys a FULL JOIN (SELECT * FROM pending WHERE kind = 'toy') p ON p.toy = a.toy
      ), country_toys AS (
        SELECT coalesce(a.country, p.country) AS country, coalesce(a.toy, p.toy) AS toy,
               coalesce(a.quantity, 0) + coalesce(p.quantity, 0) AS quantity,
               coalesce(a.letters, 0) + coalesce(p.letters, 0) AS letters, coalesce(a.children, 0) + coalesce(p.children, 0) AS children
        FROM analytics_country_toys a FULL JOIN (SELECT * FROM pending WHERE kind = 'country-toy') p ON p.country = a.country AND p.toy = a.toy
      ), countries AS (
        SELECT country, sum(active) AS active, sum(withdrawn) AS withdrawn, sum(quantity) AS quantity, sum(children) AS children FROM (
          SELECT country, active, withdrawn, quantity, children FROM analytics_countries
          UNION ALL SELECT country, letters, withdrawn, quantity, children FROM pending WHERE kind = 'country'
        ) c GROUP BY country
      ), actual AS (
        SELECT 'toys' AS aggregate, toy AS key, jsonb_build_object('quantity', quantity, 'letters', letters, 'children', children) AS v
        FROM toys WHERE quantity <> 0 OR letters <> 0 OR children <> 0
        UNION ALL
        SELECT 'country-toys', country || ' ' || toy, jsonb_build_object('quantity', quantity, 'letters', letters, 'children', children)
        FROM country_toys WHERE quantity <> 0 OR letters <> 0 OR children <> 0
        UNION ALL
        SELECT 'countries', country, jsonb_build_object('active', active, 'withdrawn', withdrawn, 'quantity', quantity, 'children', children)
        FROM countries WHERE active <> 0 OR withdrawn <> 0 OR quantity <> 0 OR children <> 0
        UNION ALL
        SELECT 'children', child_key, jsonb_build_object('letters', letters) FROM analytics_children
        UNION ALL
        -- Keys are country || ':' || toy (a country has no colon).
        SELECT 'child-groups', child_key || ' ' || split_part(g.key, ':', 1) || ' ' || substr(g.key, strpos(g.key, ':') + 1),
               jsonb_build_object('letters', g.value::bigint)
        FROM analytics_children CROSS JOIN LATERAL jsonb_each_text(groups) AS g
        UNION ALL
        -- As the summary counts them: the stored count, corrected for the pending toys that cross zero.
        SELECT 'distinct', 'toys', jsonb_build_object('n',
          (SELECT coalesce(sum(n), 0) FROM analytics_distinct WHERE kind = 'toys')
          + (SELECT coalesce(sum(CASE WHEN coalesce(a.letters, 0) + p.letters > 0 THEN 1 ELSE 0 END - CASE WHEN coalesce(a.letters, 0) > 0 THEN 1 ELSE 0 END), 0)
             FROM pending p LEFT JOIN analytics_toys a ON a.toy = p.toy WHERE p.kind = 'toy'))
        UNION ALL
        SELECT 'distinct', 'children', jsonb_build_object('n',
          (SELECT coalesce(sum(n), 0) FROM analytics_distinct WHERE kind = 'children') + (SELECT coalesce(sum(children), 0) FROM pending WHERE kind = 'all'))
      )
      SELECT coalesce(e.aggregate, a.aggregate) AS aggregate, coalesce(e.key, a.key) AS key, e.v AS expected, a.v AS actual
      FROM expected e FULL JOIN actual a ON a.aggregate = e.aggregate AND a.key = e.key
      WHERE e.v IS DISTINCT FROM a.v
      ORDER BY 1, 2`;
    return { letters: Number(counts?.letters ?? 0), lettersNotCounted: Number(counts?.not_counted ?? 0), differences: [...differences] };
  });
