import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { ZipFile } from 'yazl';

/** One handler bundled in memory: the code and its sizes as shipped. */
export interface HandlerBundle {
  name: string;
  code: Uint8Array;
  /** Bytes of index.mjs. */
  rawBytes: number;
  /** Bytes of the zip Lambda receives (index.mjs alone, deflate level 9, as build.mjs makes it). */
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

/** The zip of one file, built in memory with the settings of build.mjs. */
export const zipSize = (fileName: string, contents: Uint8Array): Promise<number> =>
  new Promise((resolve, reject) => {
    const zip = new ZipFile();
    zip.addBuffer(Buffer.from(contents), fileName, { mtime: FIXED_MTIME, mode: 0o100644, compressionLevel: 9 });
    zip.end();
    let bytes = 0;
    zip.outputStream.on('data', (chunk: Buffer) => (bytes += chunk.length));
    zip.outputStream.on('end', () => resolve(bytes));
    zip.outputStream.on('error', reject);
  });

/** Bundles handlers/<name>/index.ts in memory (write: false) and measures it. */
export const bundleHandler = async (name: string, options: BuildOptions, root = process.cwd()): Promise<HandlerBundle> => {
  const result = await build({
    ...options,
    absWorkingDir: root,
    entryPoints: [join('handlers', name, 'index.ts')],
    outfile: join(root, '.bench-out', name, 'index.mjs'),
    write: false,
  });
  const output = result.outputFiles.find((file) => file.path.endsWith('.mjs'));
  if (!output) throw new Error(`esbuild wrote no index.mjs for ${name}`);
  return { name, code: output.contents, rawBytes: output.contents.length, zipBytes: await zipSize('index.mjs', output.contents) };
};
