import type { ReadYourWrites, ReadYourWritesRun } from './read-your-writes.js';

const round = (value: number, digits: number) => Number(value.toFixed(digits));

const runJson = (run: ReadYourWritesRun) => ({
  plainMissShare: round(run.plainMissShare, 4),
  firstReadShare: round(run.firstReadShare, 4),
  waitP50Ms: round(run.waitP50Ms, 1),
  waitP99Ms: round(run.waitP99Ms, 1),
  readsPerReadMean: round(run.readsPerReadMean, 2),
  readsPerReadP99: run.readsPerReadP99,
  pairs: run.pairs,
  maxDelayMs: run.maxDelayMs,
});

/** `readYourWrites` of latest.json: the idle pipeline's figures, and under `delayed` those with FAULT_MAX_DELAY_MS. */
export const readYourWritesJson = (r: ReadYourWrites) => ({ ...runJson(r.immediate), delayed: runJson(r.delayed) });

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Headline rows: what a plain read misses, and what a Min-Version read gets and costs. */
export const readYourWritesRows = (r: ReadYourWrites): { figure: string; measured: string }[] =>
  [r.immediate, r.delayed].flatMap((run) => {
    const where = run.maxDelayMs > 0 ? `, deliveries delayed up to ${run.maxDelayMs} ms` : '';
    return [
      { figure: `Plain reads right after the 202 that miss the write${where}`, measured: percent(run.plainMissShare) },
      { figure: `Min-Version reads that get the write on the first request${where}`, measured: percent(run.firstReadShare) },
      { figure: `Wait a Min-Version read adds, p50 / p99${where}`, measured: `${run.waitP50Ms.toFixed(1)} / ${run.waitP99Ms.toFixed(1)} ms` },
    ];
  });

/** The section of docs/performance.md on read-your-writes. */
export const readYourWritesNotes = (r: ReadYourWrites | { error: string } | undefined): string => {
  if (r === undefined) return 'Not measured in this run.';
  if ('error' in r) return `Not measured: ${r.error}`;
  const line = (run: ReadYourWritesRun) =>
    `| ${run.maxDelayMs > 0 ? `up to ${run.maxDelayMs} ms` : 'none'} | ${run.pairs.toLocaleString('en')} | ${percent(run.plainMissShare)} | ${percent(run.firstReadShare)} | ${run.waitP50Ms.toFixed(1)} / ${run.waitP99Ms.toFixed(1)} ms | ${run.readsPerReadMean.toFixed(2)} (p99 ${run.readsPerReadP99}) |`;
  return `Command-then-read pairs on the local runtime (\`bench/read-your-writes.ts\`, alone: \`make bench-read-your-writes PAIRS=…\`):
each of 8 simulated apps sends a letter, then amends it, alternately; right after each 202 it
sends, side by side, a plain \`GET /letters/{id}\` and one with \`Min-Version\` (the 202's
\`version\`) and \`Prefer: wait=10\`, and checks whether each shows what the command wrote. The
wait and the store reads are the function's own figures (\`Server-Timing\`); each read is one
DynamoDB GetItem. Then the same on a fresh runtime whose deliveries to the projectors wait up to
\`FAULT_MAX_DELAY_MS\` (local/faults.ts), as a busy queue would make them.

| delivery delay | pairs | plain reads that miss | Min-Version reads right first time | added wait p50 / p99 | store reads per read |
| --- | --- | --- | --- | --- | --- |
${line(r.immediate)}
${line(r.delayed)}

Without a version, a reader that wants its write must poll, and guess how long; with one, the
function polls for it (10 ms doubling to 200 ms), so a read costs about one store read more per
doubling of the wait, and the answer is right the first time. On AWS the lag is SNS→SQS delivery
plus the event source mapping's polling, so plain reads miss more often and the wait is longer;
the read functions' 12 s timeout covers the longest wait (10 s) with room to answer 412.`;
};
