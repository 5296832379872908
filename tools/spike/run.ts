// `make spike`: rehearses a spike on this machine. The same open-loop schedule (baseline, ramp,
// peak, ramp down, baseline) goes to the local runtime and then to the synchronous CRUD
// baseline, each in a process of its own; writes bench/results/spike.json and docs/spike.svg,
// and exits non-zero if an accepted letter is lost or a DLQ holds anything.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { ELF_SCOPE, requestToken } from '../../local/identity/token-client.js';
import { startChildServer } from './child-process.js';
import { renderSpikeChart } from './render.js';
import { familiesFor, ownerOf, sendSchedule, tokensFor, warmUp, watchPipeline } from './run-profile.js';
import type { SpikeRuntime } from './runtime-process.js';
import { arrivalOffsets, segmentsOf, type SpikeShape } from './schedule.js';
import { perSecond, summarize } from './series.js';
import { verifyAccepted } from './verify.js';

const { values } = parseArgs({
  options: {
    'baseline-rate': { type: 'string', default: process.env.BASELINE_RATE ?? '20' },
    'peak-rate': { type: 'string', default: process.env.PEAK_RATE ?? '120' },
    'baseline-seconds': { type: 'string', default: process.env.BASELINE_SECONDS ?? '6' },
    'ramp-seconds': { type: 'string', default: process.env.RAMP_SECONDS ?? '3' },
    'peak-seconds': { type: 'string', default: process.env.PEAK_SECONDS ?? '8' },
    'tail-seconds': { type: 'string', default: process.env.TAIL_SECONDS ?? '6' },
    families: { type: 'string', default: process.env.FAMILIES ?? '200' },
    'projector-rate': { type: 'string', default: process.env.PROJECTOR_RATE ?? '60' },
    connections: { type: 'string', default: process.env.CONNECTIONS ?? '64' },
    'drain-timeout-seconds': { type: 'string', default: process.env.DRAIN_TIMEOUT_SECONDS ?? '180' },
    out: { type: 'string', default: 'bench/results/spike.json' },
    chart: { type: 'string', default: 'docs/spike.svg' },
  },
});
const number = (name: keyof typeof values, min: number) => {
  const value = Number(values[name]);
  if (!(Number.isFinite(value) && value >= min)) throw new Error(`spike: --${name} must be a number ≥ ${min}, not "${values[name]}"`);
  return value;
};
const shape: SpikeShape = {
  baselinePerSecond: number('baseline-rate', 1),
  peakPerSecond: number('peak-rate', 1),
  baselineSeconds: number('baseline-seconds', 1),
  rampSeconds: number('ramp-seconds', 0),
  peakSeconds: number('peak-seconds', 1),
  tailSeconds: number('tail-seconds', 0),
};
const projectorRate = number('projector-rate', 0);
const connections = number('connections', 1);
const segments = segmentsOf(shape);
const offsets = arrivalOffsets(segments);
const families = familiesFor(number('families', 1));
const log = (line: string) => console.error(`spike: ${line}`);

// 1. The local runtime: commands publish; projectors paced to a share of the laptop.
log(`${offsets.length} letters per run: ${shape.baselinePerSecond}/s → ${shape.peakPerSecond}/s for ${shape.peakSeconds} s → ${shape.baselinePerSecond}/s; ${families.length} families`);
log(`starting the local runtime in its own process (projectors paced to ${projectorRate > 0 ? `${projectorRate} events/s each` : 'no limit'})…`);
const runtime = await startChildServer<SpikeRuntime>(new URL('./runtime-process.ts', import.meta.url), {
  SPIKE_PROJECTOR_EVENTS_PER_SECOND: String(projectorRate),
  // A rehearsal sends from many accounts; its per-account quota is not what it measures.
  COMMANDS_PER_MINUTE: '1000000',
});
let command;
let verification;
let drainSeconds: number | null = null;
let dlq = 0;
let commandRows;
try {
  const tokens = await tokensFor(runtime.ready.url, families);
  const elfToken = await requestToken(runtime.ready.url, { sub: 'spike-elf', scope: ELF_SCOPE });
  const warm = await warmUp({ baseUrl: runtime.ready.url, families, tokens });
  const startedAt = performance.now();
  const watch = watchPipeline({ ...runtime.ready, baseUrl: runtime.ready.url, startedAt });
  command = await sendSchedule({ baseUrl: runtime.ready.url, offsets, families, tokens, connections, onAccepted: watch.accepted });
  const lastAnswer = (performance.now() - startedAt) / 1000;
  log(`runtime: ${command.filter((a) => a.status === 202).length} of ${command.length} accepted; draining…`);
  const deadline = performance.now() + number('drain-timeout-seconds', 1) * 1000;
  for (;;) {
    const now = await watch.sampleNow();
    if (Object.values(now.backlog).every((depth) => depth === 0)) {
      drainSeconds = Math.round((now.t - lastAnswer) * 10) / 10;
      break;
    }
    if (performance.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await watch.stop();
  dlq = (await watch.sampleNow().catch(() => undefined))?.dlq ?? watch.samples.at(-1)?.dlq ?? 0;
  log(drainSeconds === null ? 'the queues did not drain in time' : `queues empty ${drainSeconds} s after the last answer; reading every accepted letter back…`);
  verification = await verifyAccepted({ baseUrl: runtime.ready.url, attempts: [...warm, ...command], ownerToken: (a) => tokens[ownerOf(a, families)]!, elfToken });
  commandRows = perSecond(command, { samples: watch.samples, probes: watch.probes });
} finally {
  await runtime.stop();
}

// 2. The CRUD baseline: the same schedule, both stores written inside each request.
log('starting the CRUD baseline in its own process…');
const crudServer = await startChildServer<{ url: string }>(new URL('./crud-process.ts', import.meta.url));
let crud;
try {
  const tokens = await tokensFor(crudServer.ready.url, families);
  await warmUp({ baseUrl: crudServer.ready.url, families, tokens });
  crud = await sendSchedule({ baseUrl: crudServer.ready.url, offsets, families, tokens, connections });
  log(`CRUD: ${crud.filter((a) => a.status === 201).length} of ${crud.length} answered 201`);
} finally {
  await crudServer.stop();
}

const lost = verification.missingFromView + (verification.missingFromAnalytics ?? 0);
const summary = summarize({ segments, command, crud, lost, dlq, drainSeconds });
const crudRows = perSecond(crud);
const report = {
  generatedAt: new Date().toISOString(),
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version, database: process.env.DATABASE_URL ? 'postgresql' : 'pglite' },
  shape,
  projectorEventsPerSecond: projectorRate,
  connections,
  families: families.length,
  summary,
  checks: verification,
  seconds: { command: commandRows, crud: crudRows },
};
await mkdir(dirname(values.out), { recursive: true });
await writeFile(values.out, `${JSON.stringify(report, null, 2)}\n`);
await mkdir(dirname(values.chart), { recursive: true });
await writeFile(values.chart, renderSpikeChart({ command: commandRows, crud: crudRows, segments }));

const s = summary;
console.log(`spike: ${s.accepted} accepted, ${s.lost} lost, ${s.dlq} in DLQs; queues empty ${s.drainSeconds ?? '-'} s after the last answer`);
console.log(`       command p99 ${s.commandP99BaseMs} ms at baseline, ${s.commandP99PeakMs} ms at peak (×${s.commandPeakOverBase})`);
console.log(`       CRUD    p99 ${s.crud.p99BaseMs} ms at baseline, ${s.crud.p99PeakMs} ms at peak (×${s.crud.peakOverBase})`);
console.log(`       ${values.out}, ${values.chart}`);
const problems = [
  ...(s.lost > 0 ? [`${s.lost} accepted letters are in no store (view missing ${verification.missingFromView}, analytics missing ${verification.missingFromAnalytics})`] : []),
  ...(s.dlq > 0 ? [`${s.dlq} messages in DLQs`] : []),
  ...(s.drainSeconds === null ? ['the queues did not drain before the timeout'] : []),
];
console.log(problems.length === 0 ? 'spike: OK' : `spike: FAILED\n  ${problems.join('\n  ')}`);
process.exitCode = problems.length === 0 ? 0 : 1;
