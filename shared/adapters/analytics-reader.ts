import type { Sql } from 'postgres';
import { DEFAULT_ANALYTICS_MIN_CHILDREN } from '../domain/analytics.js';
import type { AnalyticsReader, AnalyticsSummary } from '../domain/ports.js';
import { toSummary, toTopToys } from './analytics-rows.js';

/** How many distinct children a toy or country needs before an answer shows it (1 shows everything). */
export interface AnalyticsReaderOptions {
  minChildren?: number;
}

/**
 * The analytics queries, from the aggregates plus the changes not yet folded into them
 * (analytics_pending, which the fold keeps to a few batches' worth): each reads a bounded
 * number of rows, whatever the number of letters, in one statement (one snapshot, so a fold
 * that commits meanwhile is seen whole or not at all). Groups of fewer than minChildren
 * distinct children are never shown; the totals still count them.
 */
export const createAnalyticsReader = (sql: Sql, { minChildren = DEFAULT_ANALYTICS_MIN_CHILDREN }: AnalyticsReaderOptions = {}): AnalyticsReader => ({
  // A toy with no pending change is exact in the aggregates, so the top `limit` of those is
  // within the first `limit + pending` rows of the index on (quantity DESC, toy); the pending
  // toys are added up and ranked with them.
  topToys: async ({ limit, country }) => {
    const [aggregates, pendingOf] =
      country === undefined
        ? [sql`SELECT toy, quantity, letters, children FROM analytics_toys`, sql`kind = 'toy'`]
        : [sql`SELECT toy, quantity, letters, children FROM analytics_country_toys WHERE country = ${country}`, sql`kind = 'country-toy' AND country = ${country}`];
    // NOT MATERIALIZED: read twice, the aggregates must still be read through their index, not copied whole.
    const rows = await sql`
      WITH aggregates AS NOT MATERIALIZED (${aggregates}), pending AS (
        SELECT toy, sum(quantity) AS quantity, sum(letters) AS letters, sum(children) AS children
        FROM analytics_pending WHERE ${pendingOf} GROUP BY toy
      ), top AS (
        SELECT toy FROM aggregates
        WHERE letters > 0 AND children >= ${minChildren}
        ORDER BY quantity DESC, toy LIMIT ${limit} + (SELECT count(*) FROM pending)
      ), summed AS (
        SELECT k.toy, coalesce(a.quantity, 0) + coalesce(p.quantity, 0) AS quantity,
               coalesce(a.letters, 0) + coalesce(p.letters, 0) AS letters,
               coalesce(a.children, 0) + coalesce(p.children, 0) AS children
        FROM (SELECT toy FROM top UNION SELECT toy FROM pending) k
        LEFT JOIN aggregates a ON a.toy = k.toy
        LEFT JOIN pending p ON p.toy = k.toy
      )
      SELECT toy, quantity, letters FROM summed
      WHERE letters > 0 AND children >= ${minChildren}
      ORDER BY quantity DESC, toy COLLATE "C" LIMIT ${limit}`;
    return toTopToys(rows);
  },

  summary: async (): Promise<AnalyticsSummary> => {
    // Countries are few (an ISO list), so all of them are added up; a toy counts as distinct
    // in the aggregates' count, corrected for the toys whose pending changes cross zero.
    const [row] = await sql`
      WITH pending AS (
        SELECT kind, country, toy, sum(quantity) AS quantity, sum(letters) AS letters, sum(withdrawn) AS withdrawn, sum(children) AS children
        FROM analytics_pending GROUP BY kind, country, toy
      ), countries AS (
        SELECT country, sum(letters) AS letters, sum(withdrawn) AS withdrawn, sum(quantity) AS quantity, sum(children) AS children
        FROM (
          SELECT country, active AS letters, withdrawn, quantity, children FROM analytics_countries
          UNION ALL
          SELECT country, letters, withdrawn, quantity, children FROM pending WHERE kind = 'country'
        ) c GROUP BY country
      ), toys_crossing AS (
        SELECT sum(CASE WHEN coalesce(a.letters, 0) + p.letters > 0 THEN 1 ELSE 0 END
                 - CASE WHEN coalesce(a.letters, 0) > 0 THEN 1 ELSE 0 END) AS n
        FROM pending p LEFT JOIN analytics_toys a ON a.toy = p.toy WHERE p.kind = 'toy'
      )
      SELECT
        (SELECT coalesce(sum(letters), 0) FROM countries) AS active,
        (SELECT coalesce(sum(withdrawn), 0) FROM countries) AS withdrawn,
        (SELECT coalesce(sum(quantity), 0) FROM countries) AS quantity,
        (SELECT coalesce(sum(n), 0) FROM analytics_distinct WHERE kind = 'children')
          + (SELECT coalesce(sum(children), 0) FROM pending WHERE kind = 'all') AS children,
        (SELECT coalesce(sum(n), 0) FROM analytics_distinct WHERE kind = 'toys')
          + (SELECT coalesce(n, 0) FROM toys_crossing) AS distinct_toys,
        (SELECT coalesce(
          json_agg(json_build_object('country', country, 'letters', letters, 'quantity', quantity)
                   ORDER BY letters DESC, country COLLATE "C"),
          '[]'::json) FROM countries WHERE letters > 0 AND children >= ${minChildren}) AS countries`;
    return toSummary(row);
  },
});
