import type { Sql } from 'postgres';
import type { AnalyticsReader, AnalyticsSummary, TopToy } from '../domain/ports.js';
import { toSummary, toTopToys } from './analytics-rows.js';

/** The analytics queries, from the aggregates only: each reads a bounded number of rows, whatever the number of letters. */
export const createAnalyticsReader = (sql: Sql): AnalyticsReader => ({
  // Each served by a partial index on (…, quantity DESC, toy): an index scan that stops after `limit` rows.
  topToys: async ({ limit, country }) =>
    toTopToys(
      country === undefined
        ? await sql`
            SELECT toy, quantity, letters FROM analytics_toys
            WHERE letters > 0 ORDER BY quantity DESC, toy LIMIT ${limit}`
        : await sql`
            SELECT toy, quantity, letters FROM analytics_country_toys
            WHERE country = ${country} AND letters > 0 ORDER BY quantity DESC, toy LIMIT ${limit}`,
    ),

  summary: async (): Promise<AnalyticsSummary> => {
    // One statement, so every figure comes from the same snapshot; at most 8 shards per country and 16 per count.
    const [row] = await sql`
      WITH countries AS (
        SELECT country, sum(active) AS letters, sum(withdrawn) AS withdrawn, sum(quantity) AS quantity
        FROM analytics_countries GROUP BY country
      ), counts AS (
        SELECT kind, sum(n) AS n FROM analytics_distinct GROUP BY kind
      )
      SELECT
        (SELECT coalesce(sum(letters), 0) FROM countries) AS active,
        (SELECT coalesce(sum(withdrawn), 0) FROM countries) AS withdrawn,
        (SELECT coalesce(sum(quantity), 0) FROM countries) AS quantity,
        (SELECT coalesce(sum(n), 0) FROM counts WHERE kind = 'children') AS children,
        (SELECT coalesce(sum(n), 0) FROM counts WHERE kind = 'toys') AS distinct_toys,
        (SELECT coalesce(
          json_agg(json_build_object('country', country, 'letters', letters, 'quantity', quantity)
                   ORDER BY letters DESC, country COLLATE "C"),
          '[]'::json) FROM countries WHERE letters > 0) AS countries`;
    return toSummary(row);
  },
});
