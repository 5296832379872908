import { posix } from 'node:path';

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
