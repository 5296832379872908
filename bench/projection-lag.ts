import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { bearer as authorized, ELF_SCOPE, FAMILY_SCOPE, requestToken } from '../local/identity/token-client.js';
import { letterBody } from '../shared/testing/letter-bodies.js';
import { quantile, spreadOf, type Spread } from './stats.js';
import { ISO_3166_1_ALPHA_2 } from '../shared/domain/iso-3166-codes.js';

/** Milliseconds from the 202 until the letter is readable, per store, as spreads over runs. */
export interface ProjectionLag {
  viewP50Ms: Spread;
  viewP99Ms: Spread;
  analyticsP50Ms: Spread;
  analyticsP99Ms: Spread;
  runs: number;
  lettersPerRun: number;
}

// Polling shares the runtime's event loop (in process) or its CPU; 2 ms resolves the lag without dominating it.
const POLL_EVERY_MS = Number(process.env.BENCH_POLL_MS ?? 2);
const GIVE_UP_AFTER_MS = 10_000;

/** Polls until `visible` answers true; returns when it did, in performance.now() time. */
const pollUntil = async (visible: () => Promise<boolean>): Promise<number> => {
  const deadline = performance.now() + GIVE_UP_AFTER_MS;
  while (performance.now() < deadline) {
    if (await visible()) return performance.now();
    await sleep(POLL_EVERY_MS);
  }
  throw new Error(`not visible after ${GIVE_UP_AFTER_MS} ms`);
};

const COUNTRIES = ISO_3166_1_ALPHA_2.split(' ');
/** An assigned country code of its own per letter (a run sends fewer letters than there are codes). */
const countryFor = (n: number): string => COUNTRIES[n % COUNTRIES.length]!;

// The cheapest analytics read that shows one letter: its own country's top toys, over a small table.
const inAnalytics = async (url: string, country: string, elfToken: string): Promise<boolean> => {
  const response = await fetch(`${url}/analytics/toys/top?limit=1&country=${country}`, { headers: authorized(elfToken) });
  const { items } = (await response.json()) as { items?: unknown[] };
  return (items?.length ?? 0) > 0;
};

/** Starts bench/lag-runtime.ts under tsx in a child process (with `env` added, FAULT_* say) and waits for its URL. */
export const startRuntimeProcess = async (env: Record<string, string> = {}): Promise<{ url: string; stop: () => Promise<void> }> => {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./lag-runtime.ts', import.meta.url).pathname], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, NODE_NO_WARNINGS: '1', ...env },
  });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  const [first] = (await Promise.race([once(lines, 'line'), exited.then(() => [undefined])])) as [string | undefined];
  if (!first) throw new Error('the local runtime exited before it was ready');
  const { url } = JSON.parse(first) as { url: string };
  return {
    url,
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
};

/** Starts the runtime in this process (it sets the functions' environment here too). */
const startRuntimeHere = async (): Promise<{ url: string; stop: () => Promise<void> }> => {
  const { startLocalRuntime } = await import('../local/runtime.js');
  // Every letter is its own small group, and each must show: ANALYTICS_MIN_CHILDREN 1.
  return startLocalRuntime({ port: 0, logLevel: 'SILENT', log: () => {}, analyticsMinChildren: 1, commandsPerMinute: 100_000 });
};

/**
 * End-to-end projection lag through the local runtime (API front, SNS, SQS, pollers, projectors):
 * POST a letter, then poll GET /letters/{id} (DynamoDB view) and GET /analytics/toys/top for
 * the letter's own country (PostgreSQL) until each shows it. One letter at a time, so each
 * measures an idle pipeline. In process by default: a poller in another process polls faster
 * and starves the runtime of CPU (on 2 cores, view lag rose about fourfold). The in-process
 * runtime can start once per process, since the functions' modules (and clients) are cached.
 */
export const measureProjectionLag = async ({ runs = 3, lettersPerRun = 30, inProcess = true } = {}): Promise<ProjectionLag> => {
  const runtime = inProcess ? await startRuntimeHere() : await startRuntimeProcess();
  try {
    // A family sends and reads the letters, an elf reads the analytics, as behind API Gateway.
    const familyToken = await requestToken(runtime.url, { sub: 'family-lag', scope: FAMILY_SCOPE });
    const elfToken = await requestToken(runtime.url, { sub: 'elf-lag', scope: ELF_SCOPE });
    const perRun = { viewP50: [] as number[], viewP99: [] as number[], analyticsP50: [] as number[], analyticsP99: [] as number[] };
    let letters = 0;
    for (let run = -1; run < runs; run++) {
      const view: number[] = [];
      const analytics: number[] = [];
      // Run -1 warms the functions, connections and JIT and is not counted.
      for (let i = 0; i < (run < 0 ? 5 : lettersPerRun); i++) {
        const response = await fetch(`${runtime.url}/letters`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...authorized(familyToken) },
          body: JSON.stringify(letterBody({ child: { id: `lag-${letters}`, name: 'Lotta', age: 7, country: countryFor(letters) } })),
        });
        const accepted = performance.now();
        if (response.status !== 202) throw new Error(`POST /letters answered ${response.status}`);
        const { letterId } = (await response.json()) as { letterId: string };
        const country = countryFor(letters++);
        const [viewAt, analyticsAt] = await Promise.all([
          pollUntil(async () => (await fetch(`${runtime.url}/letters/${letterId}`, { headers: authorized(familyToken) })).status === 200),
          pollUntil(() => inAnalytics(runtime.url, country, elfToken)),
        ]);
        view.push(viewAt - accepted);
        analytics.push(analyticsAt - accepted);
      }
      if (run < 0) continue;
      perRun.viewP50.push(quantile(view, 0.5));
      perRun.viewP99.push(quantile(view, 0.99));
      perRun.analyticsP50.push(quantile(analytics, 0.5));
      perRun.analyticsP99.push(quantile(analytics, 0.99));
    }
    return {
      viewP50Ms: spreadOf(perRun.viewP50),
      viewP99Ms: spreadOf(perRun.viewP99),
      analyticsP50Ms: spreadOf(perRun.analyticsP50),
      analyticsP99Ms: spreadOf(perRun.analyticsP99),
      runs,
      lettersPerRun,
    };
  } finally {
    await runtime.stop();
  }
};
