import { parse } from '@cdktf/hcl2json';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

/** A value as @cdktf/hcl2json renders it: expressions become "${...}" strings, blocks arrays of bodies. */
export type HclValue = string | number | boolean | null | HclValue[] | { [key: string]: HclValue };
export type HclBody = { [key: string]: HclValue };

/** One .tf file: its repo-relative path, its text (for comments) and its parsed body. */
export interface TfFile {
  path: string;
  text: string;
  json: HclBody;
}

/** The .tf files of one folder. `dir` is repo-relative, POSIX separators. */
export interface TfModule {
  dir: string;
  files: TfFile[];
}

/** A root module and every module folder found beside or under it. */
export interface TfConfig {
  root: string;
  modules: TfModule[];
}

/** What a rule reports: the file, the resource (Terraform address or wiring path) and what is wrong. */
export interface Finding {
  file: string;
  resource: string;
  message: string;
}

export type BlockKind = 'resource' | 'data' | 'ephemeral' | 'module' | 'variable' | 'output';

/** A top-level block with its address, such as `aws_sqs_queue.this` or `module.consumer`. */
export interface TfBlock {
  kind: BlockKind;
  type: string;
  name: string;
  address: string;
  file: TfFile;
  module: TfModule;
  body: HclBody;
}

/** A named local value. */
export interface TfLocal {
  name: string;
  value: HclValue;
  file: TfFile;
}

export const isBody = (value: HclValue | undefined): value is HclBody =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Bodies of a nested block (hcl2json renders every block as an array of bodies). */
export const bodiesOf = (value: HclValue | undefined): HclBody[] => {
  if (Array.isArray(value)) return value.filter(isBody);
  return isBody(value) ? [value] : [];
};

const addressOf = (kind: BlockKind, type: string, name: string): string => {
  switch (kind) {
    case 'resource':
      return `${type}.${name}`;
    case 'data':
      return `data.${type}.${name}`;
    case 'ephemeral':
      return `ephemeral.${type}.${name}`;
    case 'module':
      return `module.${name}`;
    case 'variable':
      return `var.${name}`;
    case 'output':
      return `output.${name}`;
  }
};

const TYPED_KINDS = new Set<BlockKind>(['resource', 'data', 'ephemeral']);

/** Every top-level block of one kind in a module. */
export const blocksOf = (module: TfModule, kind: BlockKind): TfBlock[] => {
  const found: TfBlock[] = [];
  for (const file of module.files) {
    const section = file.json[kind];
    if (!isBody(section)) continue;
    if (TYPED_KINDS.has(kind)) {
      for (const [type, byName] of Object.entries(section)) {
        if (!isBody(byName)) continue;
        for (const [name, bodies] of Object.entries(byName)) {
          for (const body of bodiesOf(bodies)) found.push({ kind, type, name, address: addressOf(kind, type, name), file, module, body });
        }
      }
    } else {
      for (const [name, bodies] of Object.entries(section)) {
        for (const body of bodiesOf(bodies)) found.push({ kind, type: '', name, address: addressOf(kind, '', name), file, module, body });
      }
    }
  }
  return found;
};

/** Every resource of the given type in a module. */
export const resourcesOf = (module: TfModule, type: string): TfBlock[] =>
  blocksOf(module, 'resource').filter((block) => block.type === type);

/** Every local value of a module. */
export const localsOf = (module: TfModule): TfLocal[] =>
  module.files.flatMap((file) => bodiesOf(file.json.locals).flatMap((body) => Object.entries(body).map(([name, value]) => ({ name, value, file }))));

/** The module folder a local `source` points at, repo-relative; null for registry or git sources. */
export const resolveModuleSource = (fromDir: string, source: HclValue | undefined): string | null => {
  if (typeof source !== 'string' || !(source.startsWith('./') || source.startsWith('../'))) return null;
  return posix.normalize(posix.join(fromDir, source));
};

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

/** The module of a configuration with the given folder, if loaded. */
export const moduleAt = (config: TfConfig, dir: string): TfModule | undefined => config.modules.find((m) => m.dir === dir);

/** Every value nested in a body, with its key path (for rules that look for a key anywhere). */
export const walkValues = function* (value: HclValue, path: string[] = []): Generator<{ path: string[]; value: HclValue }> {
  yield { path, value };
  if (Array.isArray(value)) {
    for (const item of value) yield* walkValues(item, path);
  } else if (isBody(value)) {
    for (const [key, nested] of Object.entries(value)) yield* walkValues(nested, [...path, key]);
  }
};

/** Strings of a literal list (or a single string); expressions stay as "${...}" strings. */
export const stringsOf = (value: HclValue | undefined): string[] => {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
};

/**
 * The top-level block enclosing a 1-based line of a file's text, as an address
 * (`aws_iam_role.this`, `data.aws_iam_policy_document.x`, `locals`), or the file name.
 */
export const enclosingBlock = (text: string, line: number): string => {
  const lines = text.split('\n');
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i -= 1) {
    const current = lines[i] ?? '';
    const typed = current.match(/^\s*(resource|data|ephemeral)\s+"([^"]+)"\s+"([^"]+)"\s*\{/u);
    if (typed) return typed[1] === 'resource' ? `${typed[2]}.${typed[3]}` : `${typed[1]}.${typed[2]}.${typed[3]}`;
    const named = current.match(/^\s*(module|variable|output)\s+"([^"]+)"\s*\{/u);
    if (named) return `${named[1] === 'variable' ? 'var' : named[1]}.${named[2]}`;
    if (/^\s*locals\s*\{/u.test(current)) return 'locals';
  }
  return '(file)';
};
