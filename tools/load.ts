// `make load [COMMANDS=5000] [CONCURRENCY=50]`: a bounded load run against a local runtime this
// process starts: zero 5xx, every accepted letter projected, drain time and latency percentiles.
import { parseArgs } from 'node:util';
import { seededRandom } from '../local/faults.js';
import { startLocalRuntime } from '../local/runtime.js';
import type { LetterView } from '../shared/domain/letter.js';
import { drain } from './drain.js';
import { expectedLetters, expectedSummary } from './expected-state.js';
import { summarizeLatencies } from './latency-stats.js';
import { bearer, ELF_SCOPE, familyTokens } from '../local/identity/token-client.js';
import { runWorkload, type Exchange, type LetterOutcome } from './workload.js';
import { commandCount, familiesOf, planWorkload } from './workload-plan.js';

const { values } = parseArgs({
  options: {
    commands: { type: 'string', default: process.env.COMMANDS ?? '5000' },
    concurrency: { type: 'string', default: process.env.CONCURRENCY ?? '50' },
    seed: { type: 'string', default: process.env.SEED ?? '1' },
    'data-dir': { type: 'string', default: process.env.DATA_DIR || undefined },
    'timeout-seconds': { type: 'string', default: '900' },
    json: { type: 'boolean', default: false },
  },
});
const target = Number(values.commands);
const concurrency = Number(values.concurrency);
const seed = Number(values.seed);
// Each letter is a submit plus 0-3 amends or withdrawals: 2.5 commands on average.
const plans = planWorkload({ letters: Math.max(1, Math.round(target / 2.5)), seed, random: seededRandom(seed), maxFollowUps: 3 });

// Bounded: whatever happens, the run ends.
const deadline = setTimeout(() => {
  console.error(`load: gave up after ${values['timeout-seconds']} s`);
  process.exit(1);
}, Number(values['timeout-seconds']) * 1000);
deadline.unref();

console.error(`load: starting a local runtime${values['data-dir'] ? ` on ${values['data-dir']}` : ' (in memory)'}…`);
const runtime = await startLocalRuntime({
  port: 0,
  ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
  logLevel: 'SILENT',
  log: () => {},
  // The summary is compared with an exact model of the accepted commands, small groups included.
  analyticsMinChildren: 1,
  // A load run measures the pipeline, not the per-account quota a family's app would meet.
  commandsPerMinute: 100_000,
});
// One token per family, as each family's app would hold; an elf reads the analytics.
const tokens = await familyTokens(runtime.url, familiesOf(plans));
const elfToken = (await runtime.identity.mint({ sub: 'elf-1', scope: ELF_SCOPE })).access_token;
const authorized = (token: string) => ({ headers: bearer(token) });
const exchanges: Exchange[] = [];
const problems: string[] = [];
let outcomes: LetterOutcome[] = [];
try {
  console.error(`load: ${commandCount(plans)} commands on ${plans.length} letters, concurrency ${concurrency}…`);
  const started = performance.now();
  try {
    outcomes = await runWorkload(runtime.url, plans, { concurrency, retryRate: 0.05, random: seededRandom(seed + 1), tokens, onExchange: (e) => exchanges.push(e) });
  } catch (error) {
    problems.push(String(error));
  }
  const sendSeconds = (performance.now() - started) / 1000;
  const queues = Object.fromEntries(Object.values(runtime.topology.queues).map((q) => [q.name, { name: q.name, url: q.url, dlqUrl: q.dlqUrl }]));
  const drained = await drain({ sqs: runtime.clients.sqs, queues }, { redrive: false, timeoutMs: 600_000 }).catch((error: unknown) => {
    problems.push(String(error));
    return undefined;
  });

  const expected = expectedLetters(outcomes);
  let missing = 0;
  let wrong = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < expected.length) {
        const { owner, view: letter } = expected[next++]!;
        const response = await fetch(`${runtime.url}/letters/${letter.letterId}`, authorized(tokens[owner]!));
        if (response.status !== 200) missing += 1;
        else {
          const view = (await response.json()) as LetterView;
          const { letterId, status, child, toys, message } = view;
          if (JSON.stringify({ letterId, status, child, toys, message }) !== JSON.stringify(letter)) wrong += 1;
        }
      }
    }),
  );
  const summary = await (await fetch(`${runtime.url}/analytics/summary`, authorized(elfToken))).json();
  const analyticsExact = JSON.stringify(summary) === JSON.stringify(expectedSummary(expected));
  const serverErrors = exchanges.filter((e) => e.status >= 500).length;
  if (serverErrors > 0) problems.push(`${serverErrors} answers were 5xx`);
  if (missing > 0) problems.push(`${missing} accepted letters are not projected`);
  if (wrong > 0) problems.push(`${wrong} letters differ from their last accepted command`);
  if (!analyticsExact) problems.push('analytics summary differs from the accepted commands');

  const report = {
    commands: exchanges.length,
    letters: expected.length,
    concurrency,
    sendSeconds: Math.round(sendSeconds * 10) / 10,
    throughputPerSecond: Math.round(exchanges.length / sendSeconds),
    latencyMs: summarizeLatencies(exchanges.map((e) => e.latencyMs)),
    statuses: Object.fromEntries([...new Set(exchanges.map((e) => e.status))].map((s) => [s, exchanges.filter((e) => e.status === s).length])),
    drainSeconds: drained ? Math.round(drained.durationMs / 100) / 10 : null,
    projected: { missing, wrong, analyticsExact },
    problems,
  };
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else {
    const l = report.latencyMs;
    console.log(`load: ${report.commands} commands (${report.letters} letters) at concurrency ${concurrency} in ${report.sendSeconds} s = ${report.throughputPerSecond}/s`);
    console.log(`      latency ms p50 ${l.p50}  p90 ${l.p90}  p99 ${l.p99}  max ${l.max}; statuses ${JSON.stringify(report.statuses)}`);
    console.log(`      drained ${report.drainSeconds ?? '-'} s after the last answer; missing ${missing}, wrong ${wrong}, analytics ${analyticsExact ? 'exact' : 'WRONG'}`);
    console.log(problems.length === 0 ? 'load: OK' : `load: FAILED\n  ${problems.join('\n  ')}`);
  }
  process.exitCode = problems.length === 0 ? 0 : 1;
} finally {
  await runtime.stop();
}
