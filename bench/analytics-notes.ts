import type { Measurements } from './results.js';

/** The analytics section's text: how it is measured, with the figures of every point. */
export const analyticsNotes = (m: Measurements): string => {
  if ('error' in m.analytics) return `Not measured: ${m.analytics.error}`;
  const a = m.analytics;
  const rows = a.points.map(
    (p) =>
      `| ${p.letters.toLocaleString('en')} | ${p.topToys.p50Ms.toFixed(2)} / ${p.topToys.p99Ms.toFixed(2)} | ${p.topToysByCountry.p50Ms.toFixed(2)} / ${p.topToysByCountry.p99Ms.toFixed(2)} | ${p.summary.p50Ms.toFixed(2)} / ${p.summary.p99Ms.toFixed(2)} | ${p.scanTopToys.p50Ms.toFixed(1)} | ${p.scanTopToysByCountry.p50Ms.toFixed(1)} | ${p.scanSummary.p50Ms.toFixed(1)} |`,
  );
  return `Measured on ${a.database === 'postgresql' ? 'the PostgreSQL server `DATABASE_URL` names' : 'PGlite (set `DATABASE_URL` for a server)'}.
${a.letters.toLocaleString('en')} letters (1–4 toys each from a catalogue of 400, 20 countries, every tenth amended and every
twentieth withdrawn) are loaded through the projector's own write path (\`createAnalyticsStore(sql).apply\`, 500
letters per batch, two batches at a time, aggregates maintained by the triggers) at ${Math.round(a.loadEventsPerSec).toLocaleString('en')} events/s.
At N/10 and at N, each query runs ${a.points[0]?.topToys.calls ?? 0} times from the aggregates, interleaved in random order
(top toys with \`limit=10\`, the per-country query for a random country), then the revision-1 queries that scan
every letter run ${a.points[0]?.scanTopToys.calls ?? 0} times each on the same data. At the end a consistency check recomputes every
aggregate from the letters: ${a.differences} rows differ.

| letters | top toys p50 / p99 ms | one country p50 / p99 ms | summary p50 / p99 ms | scan: top toys p50 ms | scan: one country p50 ms | scan: summary p50 ms |
|---|---|---|---|---|---|---|
${rows.join('\n')}

Top toys read at most \`limit\` rows (plus the toys with pending changes, and past groups too small to show) of an index on \`(quantity DESC, toy)\` (per country: \`(country, quantity DESC, toy)\`);
the summary adds up one row per country and per distinct count; both add the changes not yet folded into the
aggregates (a few batches' worth, see "Scaling"). Neither grows with the letters, so
the latency stays flat (flatness ${a.flatness.toFixed(2)}) while the scan grows with the table. On AWS add the round trip
through RDS Proxy (about a millisecond) to the aggregate figures; the scan's cost is server CPU and grows the same.`;
};
