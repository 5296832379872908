// Bundles every handlers/<name>/index.ts into dist/<name>/index.mjs (plus the chunks it imports
// on demand, under chunks/) and dist/<name>.zip.
// The zips are byte-identical for identical sources (fixed timestamps, sorted entries),
// so `terraform plan` shows no change to a function whose code did not change.
import { build } from 'esbuild';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { ZipFile } from 'yazl';

const HANDLERS_DIR = 'handlers';
const OUT_DIR = 'dist';
const FIXED_MTIME = new Date('1980-01-01T00:00:00Z');

/**
 * Stands in for modules the SDK imports on demand for paths a Lambda function never takes:
 * @smithy/core/event-streams (about 14 KB) for streaming operations, which SNS, DynamoDB and
 * Secrets Manager have none of, and bowser (about 35 KB) to parse a browser's user agent.
 * Each would be a chunk of dead weight in the zip; if a path ever took one, the stub fails
 * that call loudly instead of silently misbehaving.
 */
const NEVER_LOADED = {
  '@smithy/core/event-streams': ['eventStreamSerdeProvider', 'EventStreamSerde'],
  bowser: ['parse'],
};
const withoutNeverLoaded = {
  name: 'without-never-loaded',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(NEVER_LOADED).map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, ({ path }) => ({ path, namespace: 'stub' }));
    build.onLoad({ filter: /.*/, namespace: 'stub' }, ({ path }) => ({
      contents: [
        `const unbundled = () => { throw new Error('${path} is not bundled (see build.mjs)'); };`,
        ...NEVER_LOADED[path].map((name) => (/^[A-Z]/.test(name) ? `export class ${name} { constructor() { unbundled(); } }` : `export const ${name} = unbundled;`)),
        'export default { parse: unbundled };',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

/**
 * An AWS SDK client imports its whole package.json only to read `version` for the User-Agent
 * header; keeping name and version saves about 2 KB per client.
 */
const sdkPackageVersionOnly = {
  name: 'sdk-package-version-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]@aws-sdk[\\/][^\\/]+[\\/]package\.json$/ }, ({ path }) => {
      const { name, version } = JSON.parse(readFileSync(path, 'utf8'));
      return { contents: JSON.stringify({ name, version }), loader: 'json' };
    });
  },
};

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/u;

/**
 * Imports Node built-ins through require() instead of ESM `import`. Node builds an ESM facade
 * of a built-in by reading every export, getters included: `node:http` then loads undici for
 * its WebSocket getter, `node:process` opens stdin, `node:crypto` builds webcrypto. That is
 * some 100 ms of a cold start spent on nothing. require() reads only what is used; each
 * export is wrapped in a pure call so esbuild drops the unused ones.
 */
const builtinsThroughRequire = {
  name: 'builtins-through-require',
  setup(build) {
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    const load = createRequire(import.meta.url);
    build.onResolve({ filter: /^[a-z_:/]+$/ }, ({ path, kind }) =>
      kind === 'import-statement' && builtins.has(path) ? { path, namespace: 'builtin' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, ({ path }) => {
      const names = Object.keys(Object.getOwnPropertyDescriptors(load(path))).filter((name) => IDENTIFIER.test(name) && name !== 'default');
      const exports = names.map((name) => `export const ${name} = /* @__PURE__ */ (() => m.${name})();`);
      return { contents: [`const m = require(${JSON.stringify(path)});`, 'export default m;', ...exports].join('\n'), loader: 'js' };
    });
  },
};

/** esbuild options shared by the real build and the benchmarks. */
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  minify: true,
  treeShaking: true,
  sourcemap: 'external',
  sourcesContent: false,
  legalComments: 'none',
  // What a function imports on demand (the idempotency utility and its DynamoDB client, the
  // Secrets Manager client where a key comes from the environment) goes to a chunk of its own:
  // a cold start neither parses nor evaluates it, and tree shaking still applies inside it.
  splitting: true,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  // The AWS SDK ships CommonJS next to ESM; prefer the ESM build so unused code can be shaken out.
  mainFields: ['module', 'main'],
  loader: { '.sql': 'text' },
  alias: {
    '@aws-sdk/credential-provider-node': './shared/adapters/env-credentials.ts',
    // The RDS signer asks for the same chain by another name.
    '@aws-sdk/credential-providers': './shared/adapters/env-credentials.ts',
  },
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  plugins: [builtinsThroughRequire, withoutNeverLoaded, sdkPackageVersionOnly],
  logLevel: 'warning',
};

export const handlerNames = () =>
  readdirSync(HANDLERS_DIR)
    .filter((name) => existsSync(join(HANDLERS_DIR, name, 'index.ts')))
    .sort();

const zipDirectory = (dir, files, zipPath) =>
  new Promise((resolve, reject) => {
    const zip = new ZipFile();
    for (const file of [...files].sort()) {
      zip.addBuffer(readFileSync(join(dir, file)), file, { mtime: FIXED_MTIME, mode: 0o100644, compressionLevel: 9 });
    }
    zip.end();
    zip.outputStream.pipe(createWriteStream(zipPath)).on('close', resolve).on('error', reject);
  });

/** The JavaScript files of a bundle (index.mjs first, then its chunks), relative to its folder. */
export const bundleFiles = (paths) =>
  paths.filter((path) => path.endsWith('.mjs')).sort((a, b) => (a === 'index.mjs' ? -1 : b === 'index.mjs' ? 1 : a < b ? -1 : a > b ? 1 : 0));

/** Bundles handlers/<name> into <outDir>/<name>/index.mjs and chunks/ (+ .map) and <outDir>/<name>.zip. */
export const buildHandler = async (name, outDir = OUT_DIR) => {
  const outdir = join(outDir, name);
  rmSync(outdir, { recursive: true, force: true });
  const { outputFiles } = await build({ ...bundleOptions, entryPoints: [join(HANDLERS_DIR, name, 'index.ts')], outdir, write: false });
  for (const file of outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.contents);
  }
  const files = bundleFiles(outputFiles.map((file) => relative(outdir, file.path)));
  // The source maps stay beside the zip, not in it: they would triple the upload and the
  // cold-start read, and stack traces can be mapped offline from dist/<name>/**/*.mjs.map.
  await zipDirectory(outdir, files, join(outDir, `${name}.zip`));
  const sizes = files.map((file) => statSync(join(outdir, file)).size);
  return {
    name,
    entryBytes: sizes[0],
    rawBytes: sizes.reduce((sum, size) => sum + size, 0),
    zipBytes: statSync(join(outDir, `${name}.zip`)).size,
  };
};

/** Bundles the workshop console (console/) into <outDir>/: index.html, app.js and app.css, nothing from elsewhere. */
export const buildConsole = async (outDir = join(OUT_DIR, 'console')) => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: ['console/main.ts'],
    outfile: join(outDir, 'app.js'),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'app.css']) copyFileSync(join('console', file), join(outDir, file));
  return readdirSync(outDir).sort();
};

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`.padStart(10);

if (import.meta.url === `file://${process.argv[1]}`) {
  const consoleFiles = await buildConsole();
  console.log(`console: ${consoleFiles.join(', ')} built into ${OUT_DIR}/console/`);
  if (process.argv[2] === 'console') process.exit(0);
  const sizes = [];
  for (const name of handlerNames()) sizes.push(await buildHandler(name));
  console.log(`${'function'.padEnd(22)}${'index.mjs'.padStart(10)}${'all .mjs'.padStart(10)}${'zip'.padStart(10)}`);
  for (const { name, entryBytes, rawBytes, zipBytes } of sizes) console.log(`${name.padEnd(22)}${kb(entryBytes)}${kb(rawBytes)}${kb(zipBytes)}`);
  console.log(`${sizes.length} functions built into ${OUT_DIR}/`);
}
