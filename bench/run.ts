// `make bench`: measures bundles, cold-start initialisation, Middy overhead, command vs CRUD
// latency, projection throughput and local projection lag; prints the tables and writes
// bench/results/latest.json, docs/performance.md and the charts under docs/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureAnalyticsQueries } from './analytics-queries.js';
import { measureAnalyticsScaling, scalingRows } from './analytics-scaling.js';
import { scalingChart } from './scaling-chart.js';
import { analyticsChart } from './analytics-chart.js';
import { loadBuildScript } from './build-script.js';
import { bundleHandler, naiveBundleOptions, type HandlerBundle } from './bundle-sizes.js';
import { measureCommandVsCrud } from './command-latency.js';
import { measureInitTimes } from './init-time.js';
import { measureMiddyOverhead } from './middy-overhead.js';
import { measureProjectionLag } from './projection-lag.js';
import { measureProjectionThroughput } from './projection-throughput.js';
import { measureReadYourWrites } from './read-your-writes.js';
import { renderMarkdown } from './render-markdown.js';
import { measureScalingView } from './scaling-view.js';
import { renderBarChart } from './render-svg.js';
import { renderText } from './render-text.js';
import { checkFloors, toResultsJson, type BundleFigures, type Measurements } from './results.js';
import { startBenchStandIns } from './stand-ins.js';
import { spreadOf } from './stats.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
// `--only bundles,middy` runs those sections alone (middy, bundles, latency, projection, lag,
// analytics, read-your-writes, scaling) and, like --quick, only prints.
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? new Set((process.argv[onlyAt + 1] ?? '').split(',')) : undefined;
const runs = (section: string) => only === undefined || only.has(section);
const NOT_RUN = { error: 'not run (--only)' };
// Read now: the local runtime of the lag benchmark points DATABASE_URL at its own PGlite.
const DATABASE_URL = process.env.DATABASE_URL;
const SETTINGS = quick
  ? { initRounds: 3, middyInvocations: 20_000, latencyRuns: 2, latencyRequests: 40, projectionInvocations: 8, lagRuns: 1, lagLetters: 10 }
  : { initRounds: 15, middyInvocations: 100_000, latencyRuns: 5, latencyRequests: 150, projectionInvocations: 30, lagRuns: 3, lagLetters: 30 };

const step = (what: string) => process.stderr.write(`bench: ${what}…\n`);

// A section that cannot run (say, a stand-in fails to start) is reported, not fatal.
const attempt = async <T>(what: string, measure: () => Promise<T>): Promise<T | { error: string }> => {
  step(what);
  try {
    return await measure();
  } catch (error) {
    process.stderr.write(`bench: ${what} failed: ${String(error)}\n`);
    return { error: error instanceof Error ? error.message : String(error) };
  }
};

const measureBundles = async (): Promise<{ figures: BundleFigures[] }> => {
  const { bundleOptions, handlerNames } = await loadBuildScript();
  step('bundling every handler, tuned and naive');
  const pairs: [HandlerBundle, HandlerBundle][] = [];
  for (const name of handlerNames()) {
    pairs.push([await bundleHandler(name, bundleOptions, ROOT), await bundleHandler(name, naiveBundleOptions(bundleOptions), ROOT)]);
  }
  step(`timing module initialisation, ${SETTINGS.initRounds} shuffled rounds`);
  const times = await measureInitTimes(
    pairs.flatMap(([tuned, naive]) => [
      { label: tuned.name, files: tuned.files },
      { label: `${naive.name} (naive)`, files: naive.files },
    ]),
    SETTINGS.initRounds,
  );
  const figures = pairs.map(([tuned, naive]) => {
    const init = times.get(tuned.name) ?? [];
    const naiveInit = times.get(`${naive.name} (naive)`) ?? [];
    return {
      name: tuned.name,
      entryBytes: tuned.entryBytes,
      rawBytes: tuned.rawBytes,
      zipBytes: tuned.zipBytes,
      naiveRawBytes: naive.rawBytes,
      naiveZipBytes: naive.zipBytes,
      initMs: spreadOf(init),
      naiveInitMs: spreadOf(naiveInit),
      initVsNaive: spreadOf(init.map((ms, i) => ms / (naiveInit[i] ?? Number.NaN))),
    };
  });
  return { figures };
};

const startedAt = new Date();
// First, while this process is fresh: a microbenchmark suffers most from a heap left by the others.
const middy = runs('middy')
  ? await attempt(`Middy overhead, ${SETTINGS.middyInvocations.toLocaleString('en')} invocations per variant`, () =>
      measureMiddyOverhead({ invocations: SETTINGS.middyInvocations, rounds: 100 }),
    )
  : NOT_RUN;
const { figures } = runs('bundles') ? await measureBundles() : { figures: [] };

const withStandIns = runs('latency') || runs('projection');
if (withStandIns) step('starting dynalite, PGlite and fauxqs');
const standIns = withStandIns ? await startBenchStandIns() : undefined;
const latency = standIns && runs('latency')
  ? await attempt('command vs CRUD latency', () => measureCommandVsCrud(standIns, { runs: SETTINGS.latencyRuns, requestsPerRun: SETTINGS.latencyRequests }))
  : NOT_RUN;
const projection = standIns && runs('projection')
  ? await attempt('projection throughput', () => measureProjectionThroughput(standIns, { batchSize: 10, invocations: SETTINGS.projectionInvocations }))
  : NOT_RUN;
await standIns?.stop();
const lag = runs('lag') ? await attempt('local projection lag', () => measureProjectionLag({ runs: SETTINGS.lagRuns, lettersPerRun: SETTINGS.lagLetters })) : NOT_RUN;
const readYourWrites = runs('read-your-writes')
  ? await attempt('read your own writes, idle and with delayed deliveries', () => measureReadYourWrites({ pairs: quick ? 100 : 1_000 }))
  : NOT_RUN;
// A million letters on a PostgreSQL server; PGlite (one in-process session) gets fewer. ANALYTICS_LETTERS overrides.
const analyticsLetters = Number(process.env.ANALYTICS_LETTERS ?? (quick ? 5_000 : DATABASE_URL ? 1_000_000 : 50_000));
const analytics = runs('analytics')
  ? await attempt('analytics queries, aggregates vs scan', () =>
      measureAnalyticsQueries({ letters: analyticsLetters, databaseUrl: DATABASE_URL, calls: quick ? 20 : 200, scanCalls: quick ? 2 : 5, onStep: step }),
    )
  : NOT_RUN;

// Row locks are what it measures: a server only (PGlite has one session).
const scaling = !runs('scaling')
  ? NOT_RUN
  : DATABASE_URL
  ? await attempt('analytics projector scaling', () =>
      measureAnalyticsScaling({ databaseUrl: DATABASE_URL, eventsPerCell: quick ? 2_000 : 10_000, rounds: quick ? 1 : 3, onStep: step }),
    )
  : { error: 'needs DATABASE_URL (a PostgreSQL server)' };

const scalingView = runs('scaling-view')
  ? await attempt('DynamoDB projectors at concurrency 1-8 x batch sizes (scaling.view)', () =>
      measureScalingView({ eventsPerCell: quick ? 40 : 600, onStep: step }),
    )
  : NOT_RUN;

const measurements: Measurements = { bundles: figures, initRounds: SETTINGS.initRounds, middy, latency, projection, lag, analytics, readYourWrites, scaling };
const floors = checkFloors(measurements);
const measured = toResultsJson(measurements, startedAt);
// scaling.view: the DynamoDB projectors (bench/scaling-view.ts), beside any other scaling figures.
const results = { ...measured, scaling: { ...(measured as { scaling?: object }).scaling, view: scalingView } };

const charts = { init: 'performance-init.svg', bundles: 'performance-bundles.svg', analytics: 'performance-analytics.svg', scaling: 'performance-scaling.svg' };
// A --quick run is for trying the harness: too few rounds to publish, so it only prints; so does a partial one.
if (!quick && only === undefined) {
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  const machine = `${availableParallelism()} CPUs (${results.machine.cpuModel}), Node ${process.version}, load ${results.machine.loadAverage1m} at the end`;
  writeFileSync(join(ROOT, 'docs', 'performance.md'), renderMarkdown(measurements, floors, { generatedAt: results.generatedAt, machine, charts }));
  writeFileSync(
    join(ROOT, 'docs', charts.init),
    renderBarChart({
      title: 'Module initialisation in a fresh Node process (ms, median, min–max)',
      unit: 'ms',
      series: [
        { name: 'tuned bundle (build.mjs)', colour: '#2b7bb9' },
        { name: 'naive bundle', colour: '#c9c9c9' },
      ],
      groups: figures.map((f) => ({ label: f.name, values: [f.initMs, f.naiveInitMs] })),
    }),
  );
  if (!('error' in analytics)) writeFileSync(join(ROOT, 'docs', charts.analytics), analyticsChart(analytics));
  if (!('error' in scaling)) {
    const rows = { rows: scalingRows(scaling.cells), baseline: { name: 'migration 003', rows: scalingRows(scaling.baselineCells) } };
    writeFileSync(join(ROOT, 'docs', charts.scaling), scalingChart({ title: 'Analytics projector: events/s against concurrent writers (log–log)', ...rows }));
  }
  const kbSpread = (bytes: number) => ({ median: bytes / 1024, min: bytes / 1024, max: bytes / 1024 });
  writeFileSync(
    join(ROOT, 'docs', charts.bundles),
    renderBarChart({
      title: 'Bundle size (KB)',
      unit: 'KB',
      series: [
        { name: 'zip, tuned', colour: '#2b7bb9' },
        { name: 'index.mjs, tuned', colour: '#8fc1e3' },
        { name: 'zip, naive', colour: '#c9c9c9' },
      ],
      groups: figures.map((f) => ({ label: f.name, values: [kbSpread(f.zipBytes), kbSpread(f.rawBytes), kbSpread(f.naiveZipBytes)] })),
    }),
  );
}
process.stdout.write(`${renderText(measurements, floors)}\n`);
