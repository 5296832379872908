import type { AnalyticsSummary, TopToy } from '../domain/ports.js';

// Counts and sums arrive as int8/numeric (strings in postgres.js); they fit a JS number by far.
const toNumber = (value: unknown): number => Number(value ?? 0);

/** Top-toy rows ({ toy, quantity, letters }) as the API answers them. */
export const toTopToys = (rows: readonly Record<string, unknown>[]): TopToy[] =>
  rows.map((row) => ({ toy: String(row.toy), quantity: toNumber(row.quantity), letters: toNumber(row.letters) }));

/** The one row of a summary query (active, withdrawn, children, distinct_toys, quantity, countries as JSON) as the API answers it. */
export const toSummary = (row: Record<string, unknown> | undefined): AnalyticsSummary => {
  const countries = (row?.countries ?? []) as { country: string; letters: unknown; quantity: unknown }[];
  return {
    letters: { active: toNumber(row?.active), withdrawn: toNumber(row?.withdrawn) },
    children: toNumber(row?.children),
    toys: { distinct: toNumber(row?.distinct_toys), quantity: toNumber(row?.quantity) },
    countries: countries.map((country) => ({ country: country.country, letters: toNumber(country.letters), quantity: toNumber(country.quantity) })),
  };
};
