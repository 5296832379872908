import type { TfConfig } from './hcl-model.js';
import { configFromSources } from './load-terraform.js';

/** A configuration from inline HCL: `{ 'infra/main.tf': '...' }`, root module `infra`. */
export const hcl = (sources: Record<string, string>, root = 'infra'): Promise<TfConfig> => configFromSources(sources, root);
