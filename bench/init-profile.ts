// `tsx bench/init-profile.ts [function…] [--runs N]`: where each function's cold start spends
// its time. Bundles a handler as build.mjs does (with a source map), imports it in fresh Node
// processes under V8's sampling profiler, maps every sample to the package its code came from,
// and prints the median milliseconds per package. Diagnostic only: `make bench` times init.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { loadBuildScript } from './build-script.js';
import { FUNCTION_ENV } from './init-time.js';
import { quantile } from './stats.js';

const run = promisify(execFile);
const SAMPLING_INTERVAL_US = 50;
// The import's window, on the monotonic clock V8's profile timestamps use (microseconds).
const PROBE =
  'const t0 = process.hrtime.bigint() / 1000n; await import(process.argv[1]); process.stdout.write(`${t0} ${process.hrtime.bigint() / 1000n}`);';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The package (or repository folder) a source path belongs to, as the source map names it. */
export const packageOf = (source: string): string => {
  const modules = source.lastIndexOf('node_modules/');
  if (modules < 0) return source.replace(/^(\.\.\/)+/u, '').split('/').slice(0, 2).join('/');
  const [scope = '', name = ''] = source.slice(modules + 'node_modules/'.length).split('/');
  return scope.startsWith('@') ? `${scope}/${name}` : scope;
};

/**
 * Milliseconds of samples per package within [from, to] µs. A sample counts for the package
 * of the innermost bundle frame on its stack, so what Node does on a package's behalf
 * (require() of a built-in, say) is that package's; samples with no bundle frame (parsing,
 * garbage collection, module loading) are named by what V8 calls them.
 */
const attribute = (profile: CpuProfile, maps: Map<string, SourceMap>, [from, to]: [number, number]): Map<string, number> => {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const owner = new Map<number, string>();
  const ownerOf = (id: number): string => {
    const cached = owner.get(id);
    if (cached) return cached;
    const { url, functionName, lineNumber, columnNumber } = (byId.get(id) as ProfileNode).callFrame;
    let name: string;
    const map = maps.get(url);
    if (map) {
      const entry = map.findEntry(lineNumber, columnNumber) as { originalSource?: string };
      name = entry.originalSource ? packageOf(entry.originalSource) : '(bundle, unmapped)';
    } else {
      const up = parent.get(id);
      const outer = up === undefined ? undefined : ownerOf(up);
      name = outer && !outer.startsWith('(') ? outer : url ? '(node: loading the module)' : functionName || '(anonymous)';
    }
    owner.set(id, name);
    return name;
  };
  const totals = new Map<string, number>();
  let time = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    time += delta;
    if (time < from || time > to) return;
    const name = ownerOf(id);
    totals.set(name, (totals.get(name) ?? 0) + delta / 1000);
  });
  return totals;
};

/** Per package, the sampled milliseconds of each run of importing the handler's bundle. */
export const profileInit = async (name: string, runs: number): Promise<Map<string, number[]>> => {
  const { bundleOptions } = await loadBuildScript();
  const dir = mkdtempSync(join(tmpdir(), 'santa-init-profile-'));
  try {
    const result = await build({ ...bundleOptions, entryPoints: [join('handlers', name, 'index.ts')], outdir: join(dir, 'bundle'), sourcemap: 'external', write: false });
    const maps = new Map<string, SourceMap>();
    for (const file of result.outputFiles) {
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.path, file.contents);
      if (!file.path.endsWith('.mjs.map')) continue;
      // Sources relative to the repository, as packageOf reads them.
      const payload = JSON.parse(file.text) as { sources: string[] };
      payload.sources = payload.sources.map((source) => relative(process.cwd(), resolve(dirname(file.path), source)));
      maps.set(`file://${file.path.slice(0, -'.map'.length)}`, new SourceMap(payload as never));
    }
    const env = { PATH: process.env.PATH ?? '', HOME: dir, ...FUNCTION_ENV };
    const samples = new Map<string, number[]>();
    for (let i = 0; i < runs; i++) {
      const profileDir = join(dir, `run-${i}`);
      const { stdout } = await run(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-interval=${SAMPLING_INTERVAL_US}`, '--input-type=module', '-e', PROBE, join(dir, 'bundle', 'index.mjs')], { env });
      const [file] = readdirSync(profileDir);
      const profile = JSON.parse(readFileSync(join(profileDir, file as string), 'utf8')) as CpuProfile;
      const window = stdout.split(' ').map(Number) as [number, number];
      for (const [pkg, ms] of attribute(profile, maps, window)) samples.set(pkg, [...(samples.get(pkg) ?? Array(i).fill(0)), ms]);
      for (const list of samples.values()) while (list.length < i + 1) list.push(0);
    }
    return samples;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 10;
  const names = args.filter((arg, i) => !arg.startsWith('--') && i !== runsAt + 1);
  const { handlerNames } = await loadBuildScript();
  for (const name of names.length > 0 ? names : handlerNames()) {
    const samples = await profileInit(name, runs);
    const rows = [...samples].map(([pkg, ms]) => ({ pkg, median: quantile(ms, 0.5) })).sort((a, b) => b.median - a.median);
    const total = rows.reduce((sum, row) => sum + row.median, 0);
    process.stdout.write(`\n${name}: ${total.toFixed(1)} ms sampled (sum of medians over ${runs} runs)\n`);
    for (const { pkg, median } of rows.filter((row) => row.median >= 0.2)) process.stdout.write(`  ${median.toFixed(1).padStart(6)} ms  ${pkg}\n`);
  }
}
