import type { Sql } from 'postgres';
import type { AnalyticsReader, AnalyticsSummary, TopToy } from '../domain/ports.js';
import type { AnalyticsReaderOptions } from './analytics-reader.js';
import { toSummary, toTopToys } from './analytics-rows.js';
import { DEFAULT_ANALYTICS_MIN_CHILDREN } from '../domain/analytics.js';

/**
 * The analytics answers computed by scanning every letter (revision 1 of the queries): what
 * the aggregates must always equal. Used by the consistency tests and as the benchmark's baseline.
 */
export const createAnalyticsScan = (sql: Sql, { minChildren = DEFAULT_ANALYTICS_MIN_CHILDREN }: AnalyticsReaderOptions = {}): AnalyticsReader => ({
  topToys: async ({ limit, country }): Promise<TopToy[]> => {
    const rows = await sql`
      SELECT t.toy, sum(t.quantity) AS quantity, count(DISTINCT l.letter_id) AS letters
      FROM letters l
      CROSS JOIN LATERAL jsonb_to_recordset(l.toys) AS t(toy text, quantity int)
      WHERE l.status = 'active' AND l.content_version IS NOT NULL
        ${country === undefined ? sql`` : sql`AND l.country = ${country}`}
      GROUP BY t.toy
      HAVING count(DISTINCT l.child_id) >= ${minChildren}
      ORDER BY quantity DESC, t.toy COLLATE "C"
      LIMIT ${limit}`;
    return toTopToys(rows);
  },

  summary: async (): Promise<AnalyticsSummary> => {
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
        HAVING count(DISTINCT child_id) >= ${minChildren}
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
    return toSummary(row);
  },
});
