import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Wiring } from '../../local/wiring.js';
import type { Finding, TfConfig } from './hcl-model.js';
import { loadTerraformConfig } from './load-terraform.js';
import { loadProviderSchema, type ProviderSchema } from './provider-schema.js';
import { checkAwsRules } from './rules/aws-rules.js';
import { checkDataProtection } from './rules/data-protection.js';
import { checkEncryption, checkNoPlainPasswords } from './rules/encryption.js';
import { checkExposure } from './rules/exposure.js';
import { checkIamActions } from './rules/iam-actions.js';
import { checkIamStarResources } from './rules/iam-resources.js';
import { checkIdempotencyAccess } from './rules/idempotency-access.js';
import { checkLogRetention } from './rules/log-retention.js';
import { checkMigrationsDuringApply } from './rules/migrations-during-apply.js';
import { checkModuleCalls } from './rules/module-calls.js';
import { checkModuleDocs } from './rules/module-docs.js';
import { checkNextMajor } from './rules/next-major.js';
import { checkPseudonymKeyAccess } from './rules/pseudonym-key.js';
import { checkQueueConsumers, checkSubscriptions } from './rules/queue-consumers.js';
import { checkRolePermissions } from './rules/role-permissions.js';
import { checkRouteAuthorization } from './rules/route-authorization.js';
import { checkSchemaNames } from './rules/schema-names.js';
import { checkTableDefinitions, type TableDefinition } from './rules/table-definitions.js';
import { checkTags } from './rules/tags.js';
import { checkFilterPolicies, checkHandlerFolders, checkRouteParameters, checkRoutesAndConsumers } from './rules/wiring-handlers.js';
import { checkWiringSource } from './rules/wiring-source.js';

/** Everything the rules look at, loaded once. */
export interface InfraInputs {
  config: TfConfig;
  schema: ProviderSchema;
  wiring: Wiring;
  handlerFolders: string[];
  handlerSources: Record<string, Record<string, string>>;
  messageAttributes: Record<string, readonly (string | number)[]>;
  readmes: Record<string, string | undefined>;
  tableDefinitions: TableDefinition[];
}

/** Every rule, by name: each takes the inputs and returns its findings. */
export const RULES: Record<string, (inputs: InfraInputs) => Finding[]> = {
  'schema-names': ({ config, schema }) => checkSchemaNames(config, schema),
  'module-calls': ({ config }) => checkModuleCalls(config),
  'module-docs': ({ config, readmes }) => checkModuleDocs(config, readmes),
  'queue-consumers': ({ config }) => checkQueueConsumers(config),
  subscriptions: ({ config }) => checkSubscriptions(config),
  'log-retention': ({ config }) => checkLogRetention(config),
  'aws-rules': ({ config }) => checkAwsRules(config),
  'iam-actions': ({ config }) => checkIamActions(config),
  'iam-star-resources': ({ config }) => checkIamStarResources(config),
  'role-permissions': ({ config, wiring }) => checkRolePermissions(config, Object.values(wiring.functions).map((f) => f.role)),
  encryption: ({ config }) => checkEncryption(config),
  'no-plain-passwords': ({ config }) => checkNoPlainPasswords(config),
  'data-protection': ({ config }) => checkDataProtection(config),
  exposure: ({ config }) => checkExposure(config),
  tags: ({ config, schema }) => checkTags(config, schema),
  'wiring-source': ({ config, wiring }) => checkWiringSource(config, wiring),
  'handler-folders': ({ wiring, handlerFolders }) => checkHandlerFolders(wiring, handlerFolders),
  'routes-and-consumers': ({ wiring }) => checkRoutesAndConsumers(wiring),
  'route-parameters': ({ wiring, handlerSources }) => checkRouteParameters(wiring, handlerSources),
  'filter-policies': ({ wiring, messageAttributes }) => checkFilterPolicies(wiring, messageAttributes),
  'route-authorization': ({ config, wiring }) => checkRouteAuthorization(config, wiring),
  'idempotency-access': ({ config }) => checkIdempotencyAccess(config),
  'pseudonym-key': ({ config }) => checkPseudonymKeyAccess(config),
  'table-definitions': ({ config, tableDefinitions }) => checkTableDefinitions(config, tableDefinitions),
  'migrations-during-apply': ({ config }) => checkMigrationsDuringApply(config),
  'next-major': ({ config }) => checkNextMajor(config),
};

const subfolders = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory()).sort() : [];

const handlerSourcesIn = (repoRoot: string, handlersDir: string, folders: string[]): Record<string, Record<string, string>> =>
  Object.fromEntries(
    folders.map((folder) => {
      const dir = join(repoRoot, handlersDir, folder);
      const files = readdirSync(dir).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));
      return [folder, Object.fromEntries(files.map((name) => [`${handlersDir}/${folder}/${name}`, readFileSync(join(dir, name), 'utf8')]))];
    }),
  );

/** The message attributes publishers set, and the values they take (empty: any value). */
export const publishedMessageAttributes = async (): Promise<Record<string, readonly (string | number)[]>> => {
  const { ACCEPTED_SCHEMA_VERSIONS, EVENT_TYPES, SCHEMA_VERSION } = await import('../../shared/domain/events.js');
  const { publishInput } = await import('../../shared/adapters/sns-publisher.js');
  const sample = publishInput('arn:aws:sns:eu-west-1:123456789012:letters', { type: EVENT_TYPES[0], schemaVersion: SCHEMA_VERSION, correlationId: 'c' } as Parameters<typeof publishInput>[1]);
  // During a rolling deploy the previous version is still published, and consumers accept both.
  const known: Record<string, readonly (string | number)[]> = { type: EVENT_TYPES, schemaVersion: ACCEPTED_SCHEMA_VERSIONS };
  return Object.fromEntries(Object.keys(sample.MessageAttributes).map((name) => [name, known[name] ?? []]));
};

/** The tables the code creates: every `<name>TableDefinition` export of shared/adapters/*-table.ts. */
export const loadTableDefinitions = async (): Promise<TableDefinition[]> => {
  const adapters = fileURLToPath(new URL('../../shared/adapters/', import.meta.url));
  const definitions: TableDefinition[] = [];
  for (const file of readdirSync(adapters).filter((name) => name.endsWith('-table.ts')).sort()) {
    const exports = (await import(pathToFileURL(join(adapters, file)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      const table = name.match(/^([a-z][A-Za-z0-9]*)TableDefinition$/u)?.[1];
      if (!table || typeof value !== 'function') continue;
      // lettersTableDefinition => module "letters_table"
      const call = `${table.replace(/[A-Z]/gu, (c) => `_${c.toLowerCase()}`)}_table`;
      definitions.push({ call, source: `shared/adapters/${file}`, input: (value as (tableName: string) => TableDefinition['input'])(call) });
    }
  }
  return definitions;
};

/** Loads the Terraform under `infra`, wiring.json beside it and the handler folders. */
export const loadInfraInputs = async ({ repoRoot, infra = 'infra', handlers = 'handlers' }: { repoRoot: string; infra?: string; handlers?: string }): Promise<InfraInputs> => {
  const handlerFolders = subfolders(join(repoRoot, handlers));
  const config = await loadTerraformConfig(repoRoot, infra);
  const readmeOf = (dir: string) => (existsSync(join(repoRoot, dir, 'README.md')) ? readFileSync(join(repoRoot, dir, 'README.md'), 'utf8') : undefined);
  return {
    config,
    schema: loadProviderSchema(),
    wiring: JSON.parse(readFileSync(join(repoRoot, infra, 'wiring.json'), 'utf8')) as Wiring,
    handlerFolders,
    handlerSources: handlerSourcesIn(repoRoot, handlers, handlerFolders),
    messageAttributes: await publishedMessageAttributes(),
    readmes: Object.fromEntries(config.modules.map((m) => [m.dir, readmeOf(m.dir)])),
    tableDefinitions: await loadTableDefinitions(),
  };
};

/** Runs every rule; findings sorted by file, then resource. */
export const checkInfra = (inputs: InfraInputs): Finding[] =>
  Object.values(RULES)
    .flatMap((rule) => rule(inputs))
    .sort((a, b) => a.file.localeCompare(b.file) || a.resource.localeCompare(b.resource) || a.message.localeCompare(b.message));

/** One line per finding: `file: resource: message`. */
export const formatFindings = (findings: Finding[]): string => findings.map((f) => `${f.file}: ${f.resource}: ${f.message}`).join('\n');

const runCli = async (): Promise<void> => {
  // Usage: tsx tools/infra-check/check-infra.ts [repo root] [--infra <dir>]
  const args = process.argv.slice(2);
  const infraAt = args.indexOf('--infra');
  const infra = infraAt >= 0 ? args[infraAt + 1] : undefined;
  const positional = infraAt < 0 ? args : args.filter((_, i) => i !== infraAt && i !== infraAt + 1);
  const repoRoot = resolve(positional[0] ?? fileURLToPath(new URL('../..', import.meta.url)));
  const findings = checkInfra(await loadInfraInputs({ repoRoot, ...(infra ? { infra } : {}) }));
  if (findings.length === 0) {
    console.log(`infra rules: ${Object.keys(RULES).length} rules, no findings`);
    return;
  }
  console.error(formatFindings(findings));
  console.error(`infra rules: ${findings.length} finding(s)`);
  process.exitCode = 1;
};

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await runCli();
