// Derives the compact provider schema the binary-free rules check names against:
//   tsx tools/infra-check/derive-provider-schema.ts
// Needs terraform and a filesystem mirror of hashicorp/aws (see terraform-env.ts).
// Writes aws-provider-schema.json.gz: for every resource, data source and
// ephemeral resource type, its settable arguments ("a"), required ones ("r") and
// nested blocks ("b", recursively). Commit the result.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { ProviderSchema, SchemaBlock } from './provider-schema.js';
import { findAwsMirror, findTerraform, MIN_AWS_PROVIDER, terraformEnv, writeCliConfig } from './terraform-env.js';

/** The parts of `terraform providers schema -json` read here. */
interface TerraformBlock {
  attributes?: Record<string, { required?: boolean; optional?: boolean }>;
  block_types?: Record<string, { block: TerraformBlock }>;
}
type TerraformSchemas = Record<string, { block: TerraformBlock }>;

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'aws-provider-schema.json.gz');
const PROVIDER = 'registry.terraform.io/hashicorp/aws';

const compactBlock = (block: TerraformBlock): SchemaBlock => {
  const attributes = Object.entries(block.attributes ?? {});
  const settable = attributes.filter(([, a]) => a.required || a.optional).map(([name]) => name).sort();
  const required = attributes.filter(([, a]) => a.required).map(([name]) => name).sort();
  const blocks = Object.fromEntries(
    Object.entries(block.block_types ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, nested]) => [name, compactBlock(nested.block)]),
  );
  return {
    ...(settable.length > 0 ? { a: settable } : {}),
    ...(required.length > 0 ? { r: required } : {}),
    ...(Object.keys(blocks).length > 0 ? { b: blocks } : {}),
  };
};

const compactAll = (schemas: TerraformSchemas = {}): Record<string, SchemaBlock> =>
  Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)).map(([type, s]) => [type, compactBlock(s.block)]));

const main = (): void => {
  const terraform = findTerraform();
  if (!terraform) throw new Error('no terraform binary on PATH (or TERRAFORM_BIN)');
  const mirror = findAwsMirror();
  if (mirror.path === null) throw new Error(mirror.reason);

  const work = mkdtempSync(join(tmpdir(), 'provider-schema-'));
  try {
    const cli = writeCliConfig(work, mirror.path);
    writeFileSync(
      join(work, 'main.tf'),
      `terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = ">= ${MIN_AWS_PROVIDER}"\n    }\n  }\n}\n`,
    );
    const env = terraformEnv(cli, join(work, '.terraform'));
    execFileSync(terraform, ['init', '-backend=false', '-input=false'], { cwd: work, env, stdio: 'ignore' });
    const raw = execFileSync(terraform, ['providers', 'schema', '-json'], { cwd: work, env, maxBuffer: 1 << 30, encoding: 'utf8' });
    const provider = (JSON.parse(raw) as { provider_schemas: Record<string, Record<string, TerraformSchemas | undefined>> }).provider_schemas[PROVIDER];
    if (!provider) throw new Error(`terraform providers schema has no ${PROVIDER}`);
    const version = (JSON.parse(execFileSync(terraform, ['version', '-json'], { cwd: work, env, encoding: 'utf8' })) as { provider_selections?: Record<string, string> }).provider_selections?.[PROVIDER] ?? mirror.version;
    const compact: ProviderSchema = {
      provider: PROVIDER,
      version,
      resource: compactAll(provider.resource_schemas),
      data: compactAll(provider.data_source_schemas),
      ephemeral: compactAll(provider.ephemeral_resource_schemas),
    };
    writeFileSync(OUT, gzipSync(JSON.stringify(compact), { level: 9 }));
    console.log(
      `wrote ${OUT}: hashicorp/aws ${version}, ${Object.keys(compact.resource).length} resources, ${Object.keys(compact.data).length} data sources, ${Object.keys(compact.ephemeral).length} ephemeral resources`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

main();
