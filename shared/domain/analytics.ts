import * as v from 'valibot';

const count = v.pipe(v.number(), v.integer(), v.minValue(0));

/** One line of GET /analytics/toys/top: a grouping key, its quantity and the letters asking for it. */
export const TopToy = v.strictObject({ toy: v.string(), quantity: count, letters: count });
export type TopToy = v.InferOutput<typeof TopToy>;

/** GET /analytics/summary: totals over all letters whose content is known. */
export const AnalyticsSummary = v.strictObject({
  letters: v.strictObject({ active: count, withdrawn: count }),
  children: count,
  toys: v.strictObject({ distinct: count, quantity: count }),
  countries: v.array(v.strictObject({ country: v.string(), letters: count, quantity: count })),
});
export type AnalyticsSummary = v.InferOutput<typeof AnalyticsSummary>;

/**
 * Small groups stay hidden: no answer shows a toy or a country named by fewer distinct children
 * (ANALYTICS_MIN_CHILDREN; 1 shows everything). A toy name is free text a child wrote.
 */
export const DEFAULT_ANALYTICS_MIN_CHILDREN = 5;
