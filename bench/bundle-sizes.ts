import { join, relative } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { ZipFile } from 'yazl';

/** One file of a bundle, its path relative to the bundle's folder. */
export interface BundleFile {
  path: string;
  contents: Uint8Array;
}

/** One handler bundled in memory: the code and its sizes as shipped. */
export interface HandlerBundle {
  name: string;
  /** index.mjs first, then the chunks it imports (on demand or not). */
  files: BundleFile[];
  /** Bytes of index.mjs and the chunks it imports statically: what a cold start loads. */
  entryBytes: number;
  /** Bytes of every .mjs file shipped. */
  rawBytes: number;
  /** Bytes of the zip Lambda receives (every .mjs file, deflate level 9, as build.mjs makes it). */
  zipBytes: number;
}

const FIXED_MTIME = new Date('1980-01-01T00:00:00Z');

/**
 * The naive bundle to compare with: the same entry, the whole SDK credential chain, CommonJS
 * builds first (esbuild's default for Node), nothing minified or stubbed.
 */
export const naiveBundleOptions = (options: BuildOptions): BuildOptions => ({
  bundle: true,
  platform: 'node',
  target: options.target ?? 'node22',
  format: 'esm',
  ...(options.loader ? { loader: options.loader } : {}),
  ...(options.banner ? { banner: options.banner } : {}),
  logLevel: 'error',
});

/** The size of the zip of these files, built in memory with the settings of build.mjs. */
export const zipSize = (files: readonly BundleFile[]): Promise<number> =>
  new Promise((resolve, reject) => {
    const zip = new ZipFile();
    for (const { path, contents } of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
      zip.addBuffer(Buffer.from(contents), path, { mtime: FIXED_MTIME, mode: 0o100644, compressionLevel: 9 });
    }
    zip.end();
    let bytes = 0;
    zip.outputStream.on('data', (chunk: Buffer) => (bytes += chunk.length));
    zip.outputStream.on('end', () => resolve(bytes));
    zip.outputStream.on('error', reject);
  });

const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w${},*\s]+from\s*)?["'](\.\.?\/[^"']+)["']/gu;

/** The files a module loads before it runs: itself and, transitively, what it imports statically. */
export const staticallyLoaded = (files: readonly BundleFile[], entry = 'index.mjs'): BundleFile[] => {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const loaded = new Map<string, BundleFile>();
  const visit = (path: string) => {
    const file = byPath.get(path);
    if (!file || loaded.has(path)) return;
    loaded.set(path, file);
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
    for (const [, target] of Buffer.from(file.contents).toString('utf8').matchAll(STATIC_IMPORT)) visit(join(dir, target as string));
  };
  visit(entry);
  return [...loaded.values()];
};

/** Bundles handlers/<name>/index.ts in memory (write: false) and measures it. */
export const bundleHandler = async (name: string, options: BuildOptions, root = process.cwd()): Promise<HandlerBundle> => {
  const outdir = join(root, '.bench-out', name);
  const result = await build({
    ...options,
    absWorkingDir: root,
    entryPoints: [join('handlers', name, 'index.ts')],
    ...(options.splitting ? { outdir } : { outfile: join(outdir, 'index.mjs') }),
    write: false,
  });
  const files = result.outputFiles
    .map((file) => ({ path: relative(outdir, file.path), contents: file.contents }))
    .filter(({ path }) => path.endsWith('.mjs'))
    .sort((a, b) => (a.path === 'index.mjs' ? -1 : b.path === 'index.mjs' ? 1 : a.path < b.path ? -1 : 1));
  if (files[0]?.path !== 'index.mjs') throw new Error(`esbuild wrote no index.mjs for ${name}`);
  const bytes = (some: readonly BundleFile[]) => some.reduce((sum, file) => sum + file.contents.length, 0);
  return { name, files, entryBytes: bytes(staticallyLoaded(files)), rawBytes: bytes(files), zipBytes: await zipSize(files) };
};
