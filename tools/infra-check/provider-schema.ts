import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** A block of the compact schema: settable arguments, required ones, nested blocks. */
export interface SchemaBlock {
  a?: string[];
  r?: string[];
  b?: Record<string, SchemaBlock>;
}

/** The compact provider schema written by derive-provider-schema.ts. */
export interface ProviderSchema {
  provider: string;
  version: string;
  resource: Record<string, SchemaBlock>;
  data: Record<string, SchemaBlock>;
  ephemeral: Record<string, SchemaBlock>;
}

const SCHEMA_FILE = new URL('./aws-provider-schema.json.gz', import.meta.url);

let cached: ProviderSchema | undefined;

/** The committed hashicorp/aws schema (read once). */
export const loadProviderSchema = (): ProviderSchema => {
  cached ??= JSON.parse(gunzipSync(readFileSync(SCHEMA_FILE)).toString('utf8')) as ProviderSchema;
  return cached;
};
