import type { BuildOptions } from 'esbuild';

/** What build.mjs exports (it is plain JavaScript, so its shape is declared here). */
export interface BuildScript {
  bundleOptions: BuildOptions;
  handlerNames: () => string[];
  buildHandler: (name: string, outDir?: string) => Promise<{ name: string; rawBytes: number; zipBytes: number }>;
}

// Imported through a URL so TypeScript does not look for declarations of a .mjs file;
// build.mjs only builds when run directly, so importing it has no side effect.
const BUILD_SCRIPT = new URL('../build.mjs', import.meta.url).href;

/** The bundle options, handler list and per-handler build the real build uses. */
export const loadBuildScript = async (): Promise<BuildScript> => (await import(BUILD_SCRIPT)) as BuildScript;
