import { bearer, FAMILY_SCOPE, requestToken } from '../local/identity/token-client.js';
import { letterBody } from '../shared/testing/letter-bodies.js';
import { startRuntimeProcess } from './projection-lag.js';
import { quantile } from './stats.js';

/** One variant's figures over its command-then-read pairs. */
export interface ReadYourWritesRun {
  pairs: number;
  /** FAULT_MAX_DELAY_MS of the runtime: each delivery to a projector waits up to this long. */
  maxDelayMs: number;
  /** Share of plain reads, sent right after the 202, that did not show the command. */
  plainMissShare: number;
  /** Share of Min-Version reads that showed the command on their first request. */
  firstReadShare: number;
  /** The wait a Min-Version read added in its function (Server-Timing), p50 and p99. */
  waitP50Ms: number;
  waitP99Ms: number;
  /** Store reads per Min-Version read (one per poll): mean and p99. */
  readsPerReadMean: number;
  readsPerReadP99: number;
}

export interface ReadYourWrites {
  immediate: ReadYourWritesRun;
  delayed: ReadYourWritesRun;
}

interface PairOutcome {
  plainMissed: boolean;
  firstRead: boolean;
  waitMs: number;
  reads: number;
}

const SERVER_TIMING = /min-version;dur=(\d+(?:\.\d+)?);desc="(\d+) reads"/u;

/**
 * One worker's pairs: it sends a letter, then amends it, alternately; after each 202 it sends at
 * once, side by side, a plain GET and one with Min-Version (Prefer: wait=10), and checks whether
 * each shows what the command wrote (the letter for a submission, the new quantity for an amendment).
 */
const runWorker = async (url: string, token: string, worker: number, pairs: number): Promise<PairOutcome[]> => {
  const outcomes: PairOutcome[] = [];
  const headers = { 'content-type': 'application/json', ...bearer(token) };
  let letterId = '';
  for (let pair = 0; pair < pairs; pair++) {
    const quantity = (pair % 50) + 1;
    const body = JSON.stringify(letterBody({ child: { id: `ryw-${worker}`, name: 'Lotta', age: 7, country: 'SE' }, toys: [{ name: 'Kite', quantity }] }));
    const submit = pair % 2 === 0;
    const response = await fetch(`${url}/letters${submit ? '' : `/${letterId}`}`, { method: submit ? 'POST' : 'PUT', headers, body });
    if (response.status !== 202) throw new Error(`${submit ? 'POST' : 'PUT'} answered ${response.status}`);
    const accepted = (await response.json()) as { letterId: string; version: string };
    letterId = accepted.letterId;
    const shows = async (answer: Response) =>
      answer.status === 200 && ((await answer.json()) as { toys: { quantity: number }[] }).toys[0]?.quantity === quantity;
    const [plain, waited] = await Promise.all([
      fetch(`${url}/letters/${letterId}`, { headers: bearer(token) }),
      fetch(`${url}/letters/${letterId}`, { headers: { ...bearer(token), 'min-version': accepted.version, prefer: 'wait=10' } }),
    ]);
    const [, waitMs = 'NaN', reads = 'NaN'] = SERVER_TIMING.exec(waited.headers.get('server-timing') ?? '') ?? [];
    outcomes.push({ plainMissed: !(await shows(plain)), firstRead: await shows(waited), waitMs: Number(waitMs), reads: Number(reads) });
  }
  return outcomes;
};

const share = (outcomes: PairOutcome[], count: (o: PairOutcome) => boolean) => outcomes.filter(count).length / outcomes.length;
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** One variant: a fresh runtime with its delivery delay, a few warm-up pairs, then `pairs` measured pairs. */
const measureVariant = async (maxDelayMs: number, pairs: number, concurrency: number): Promise<ReadYourWritesRun> => {
  // Set either way, so a FAULT_MAX_DELAY_MS of the benchmark's own environment does not leak into the idle variant.
  const runtime = await startRuntimeProcess({ FAULT_MAX_DELAY_MS: String(maxDelayMs), FAULT_SEED: '19' });
  try {
    const token = await requestToken(runtime.url, { sub: 'family-ryw-bench', scope: FAMILY_SCOPE });
    await runWorker(runtime.url, token, -1, 4);
    const perWorker = Math.ceil(pairs / concurrency);
    const outcomes = (await Promise.all(Array.from({ length: concurrency }, (_, worker) => runWorker(runtime.url, token, worker, perWorker)))).flat();
    const waits = outcomes.map((o) => o.waitMs);
    const reads = outcomes.map((o) => o.reads);
    return {
      pairs: outcomes.length,
      maxDelayMs,
      plainMissShare: share(outcomes, (o) => o.plainMissed),
      firstReadShare: share(outcomes, (o) => o.firstRead),
      waitP50Ms: quantile(waits, 0.5),
      waitP99Ms: quantile(waits, 0.99),
      readsPerReadMean: mean(reads),
      readsPerReadP99: quantile(reads, 0.99),
    };
  } finally {
    await runtime.stop();
  }
};

/**
 * Read your own writes on the local runtime: `pairs` command-then-read pairs on an idle
 * pipeline, then again with every delivery to a projector delayed by up to `delayedMs`
 * (FAULT_MAX_DELAY_MS), `concurrency` families' apps at a time.
 */
export const measureReadYourWrites = async ({ pairs = 1_000, concurrency = 8, delayedMs = 400 } = {}): Promise<ReadYourWrites> => ({
  immediate: await measureVariant(0, pairs, concurrency),
  delayed: await measureVariant(delayedMs, pairs, concurrency),
});
