import { blocksOf, bodiesOf, isBody, type Finding, type HclBody, type TfBlock, type TfConfig } from '../hcl-model.js';
import type { ProviderSchema, SchemaBlock } from '../provider-schema.js';

const META_ARGUMENTS: Record<string, Set<string>> = {
  resource: new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection']),
  data: new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle']),
  ephemeral: new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle']),
};

// Resources built into Terraform itself, not part of any provider schema.
const BUILT_IN: Record<string, SchemaBlock> = {
  terraform_data: { a: ['input', 'triggers_replace'] },
};

const DYNAMIC_KEYS = new Set(['for_each', 'iterator', 'labels', 'content']);

const checkBody = (body: HclBody, schema: SchemaBlock, path: string[], topLevel: Set<string>, where: string, report: (message: string) => void): void => {
  const here = (key: string) => [...path, key].join('.');
  for (const [key, value] of Object.entries(body)) {
    if (path.length === 0 && topLevel.has(key)) continue;
    if (key === 'dynamic') {
      for (const [blockName, entries] of Object.entries(isBody(value) ? value : {})) {
        const nested = schema.b?.[blockName];
        if (!nested) {
          report(`unknown block "${here(blockName)}" in a dynamic block (not in ${where})`);
          continue;
        }
        for (const entry of bodiesOf(entries)) {
          for (const extra of Object.keys(entry).filter((k) => !DYNAMIC_KEYS.has(k))) report(`unknown argument "${extra}" in dynamic "${here(blockName)}" (Terraform allows for_each, iterator, labels, content)`);
          for (const content of bodiesOf(entry.content)) checkBody(content, nested, [...path, blockName], new Set(), where, report);
        }
      }
      continue;
    }
    if (schema.a?.includes(key)) continue;
    const nested = schema.b?.[key];
    if (nested) {
      for (const item of bodiesOf(value)) checkBody(item, nested, [...path, key], new Set(), where, report);
      continue;
    }
    report(`unknown argument or block "${here(key)}" (not in ${where})`);
  }
  for (const required of schema.r ?? []) {
    if (!(required in body)) report(`missing required argument "${here(required)}"`);
  }
};

const schemaFor = (block: TfBlock, schema: ProviderSchema): SchemaBlock | undefined => {
  if (block.kind === 'resource') return schema.resource[block.type] ?? BUILT_IN[block.type];
  if (block.kind === 'data') return schema.data[block.type];
  return schema.ephemeral[block.type];
};

/** Every resource, data source and ephemeral type, argument and nested block exists in the provider schema; required arguments are set. */
export const checkSchemaNames = (config: TfConfig, schema: ProviderSchema): Finding[] => {
  const findings: Finding[] = [];
  const where = `hashicorp/aws ${schema.version}`;
  for (const module of config.modules) {
    for (const kind of ['resource', 'data', 'ephemeral'] as const) {
      for (const block of blocksOf(module, kind)) {
        const report = (message: string) => findings.push({ file: block.file.path, resource: block.address, message });
        const blockSchema = schemaFor(block, schema);
        if (!blockSchema) {
          findings.push({ file: block.file.path, resource: block.address, message: `unknown ${kind} type "${block.type}" (not in ${where})` });
          continue;
        }
        checkBody(block.body, blockSchema, [], META_ARGUMENTS[kind] ?? new Set(), where, report);
      }
    }
  }
  return findings;
};
