import { parse } from '@cdktf/hcl2json';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { blocksOf, resolveModuleSource, type HclBody, type TfConfig, type TfFile } from './hcl-model.js';

/** Parses one file; a syntax error is rethrown naming the file. */
export const parseTerraformFile = async (path: string, text: string): Promise<TfFile> => {
  try {
    return { path, text, json: (await parse(path, text)) as HclBody };
  } catch (error) {
    throw new Error(`${path}: cannot parse HCL: ${error instanceof Error ? error.message : String(error)}`);
  }
};

/** Builds a configuration from in-memory files (repo-relative path => text); `root` is the root module folder. */
export const configFromSources = async (sources: Record<string, string>, root: string): Promise<TfConfig> => {
  const byDir = new Map<string, TfFile[]>();
  for (const [path, text] of Object.entries(sources).sort(([a], [b]) => a.localeCompare(b))) {
    const file = await parseTerraformFile(path, text);
    const dir = posix.dirname(path);
    byDir.set(dir, [...(byDir.get(dir) ?? []), file]);
  }
  return { root, modules: [...byDir].map(([dir, files]) => ({ dir, files })) };
};

const tfFilesIn = (absDir: string): string[] =>
  existsSync(absDir) ? readdirSync(absDir).filter((name) => name.endsWith('.tf') && statSync(join(absDir, name)).isFile()).sort() : [];

/**
 * Reads the root module `root` (repo-relative) under `repoRoot`, every folder under
 * `<root>/modules/`, and any other folder a local module source points at.
 */
export const loadTerraformConfig = async (repoRoot: string, root: string): Promise<TfConfig> => {
  const sources: Record<string, string> = {};
  const pending = [root];
  const modulesDir = join(repoRoot, root, 'modules');
  if (existsSync(modulesDir)) {
    for (const name of readdirSync(modulesDir).sort()) {
      if (statSync(join(modulesDir, name)).isDirectory()) pending.push(posix.join(root, 'modules', name));
    }
  }
  const seen = new Set<string>();
  while (pending.length > 0) {
    const dir = pending.shift() as string;
    if (seen.has(dir)) continue;
    seen.add(dir);
    for (const name of tfFilesIn(join(repoRoot, dir))) {
      const path = posix.join(dir, name);
      const text = readFileSync(join(repoRoot, path), 'utf8');
      sources[path] = text;
      const parsed = await parseTerraformFile(path, text);
      for (const call of blocksOf({ dir, files: [parsed] }, 'module')) {
        const target = resolveModuleSource(dir, call.body.source);
        if (target && !seen.has(target)) pending.push(target);
      }
    }
  }
  return configFromSources(sources, root);
};
