import type { CreateTableCommandInput, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { blocksOf, isBody, moduleAt, type Finding, type HclValue, type TfConfig } from '../hcl-model.js';

/** A table as the code creates it (local mode, tests), and the module call that must match it. */
export interface TableDefinition {
  /** The root module call that deploys the table, such as letters_table. */
  call: string;
  /** Where the definition lives, such as shared/adapters/letters-table.ts. */
  source: string;
  input: CreateTableCommandInput;
}

/** Keys, attributes and indexes in one comparable shape. */
interface TableShape {
  hash: string | null;
  range: string | null;
  attributes: string[];
  indexes: string[];
}

const keyOf = (schema: readonly KeySchemaElement[] | undefined, type: 'HASH' | 'RANGE'): string | null =>
  schema?.find((k) => k.KeyType === type)?.AttributeName ?? null;

const codeShape = (input: CreateTableCommandInput): TableShape => ({
  hash: keyOf(input.KeySchema, 'HASH'),
  range: keyOf(input.KeySchema, 'RANGE'),
  attributes: (input.AttributeDefinitions ?? []).map((a) => `${a.AttributeName}:${a.AttributeType}`).sort(),
  indexes: (input.GlobalSecondaryIndexes ?? [])
    .map((i) => `${i.IndexName}(${keyOf(i.KeySchema, 'HASH')}, ${keyOf(i.KeySchema, 'RANGE') ?? '-'}, ${i.Projection?.ProjectionType ?? 'ALL'})`)
    .sort(),
});

const text = (value: HclValue | undefined): string | null => (typeof value === 'string' ? value : null);
const objects = (value: HclValue | undefined) => (Array.isArray(value) ? value.filter(isBody) : []);

// The module's own defaults (modules/dynamodb-table/variables.tf) where a call leaves an argument out.
const terraformShape = (body: Record<string, HclValue>): TableShape => ({
  hash: 'hash_key' in body ? text(body.hash_key) : 'pk',
  range: 'range_key' in body ? text(body.range_key) : 'sk',
  attributes: ('attributes' in body ? objects(body.attributes) : [{ name: 'pk', type: 'S' }, { name: 'sk', type: 'S' }]).map((a) => `${String(a.name)}:${String(a.type)}`).sort(),
  indexes: objects(body.global_secondary_indexes)
    .map((i) => `${String(i.name)}(${String(i.hash_key)}, ${text(i.range_key) ?? '-'}, ${text(i.projection_type) ?? 'ALL'})`)
    .sort(),
});

const PARTS: [keyof TableShape, string][] = [
  ['hash', 'partition key'],
  ['range', 'sort key'],
  ['attributes', 'attribute definitions'],
  ['indexes', 'global secondary indexes'],
];

/**
 * Each DynamoDB table the code defines (a `*TableDefinition` of shared/adapters) is
 * deployed by the root module call of the same name with the same partition and sort
 * keys, attribute definitions and global secondary indexes.
 */
export const checkTableDefinitions = (config: TfConfig, definitions: readonly TableDefinition[]): Finding[] => {
  const root = moduleAt(config, config.root);
  const calls = new Map((root ? blocksOf(root, 'module') : []).map((call) => [call.name, call]));
  const findings: Finding[] = [];
  for (const definition of definitions) {
    const call = calls.get(definition.call);
    if (!call) {
      findings.push({ file: definition.source, resource: `module.${definition.call}`, message: `defines table ${definition.call}, which the root module does not deploy (no module "${definition.call}")` });
      continue;
    }
    const code = codeShape(definition.input);
    const deployed = terraformShape(call.body);
    for (const [part, label] of PARTS) {
      const a = JSON.stringify(code[part]);
      const b = JSON.stringify(deployed[part]);
      if (a !== b) findings.push({ file: call.file.path, resource: call.address, message: `${label} ${b} differ from ${definition.source}: ${a}` });
    }
  }
  return findings;
};
