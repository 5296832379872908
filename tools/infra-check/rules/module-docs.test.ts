import { describe, expect, it } from 'vitest';
import { hcl } from '../testing.js';
import { checkModuleDocs } from './module-docs.js';

const MODULE = {
  'infra/modules/queue/variables.tf': 'variable "name" {\n  description = "Queue name"\n  type = string\n}\nvariable "batch_size" {\n  type = number\n}',
  'infra/modules/queue/outputs.tf': 'output "queue_url" {\n  description = "URL of the queue"\n  value = "u"\n}',
};

describe('checkModuleDocs', () => {
  it('accepts a described module whose README names its inputs and outputs', async () => {
    const config = await hcl({ 'infra/modules/queue/variables.tf': 'variable "name" {\n  description = "Queue name"\n}', 'infra/modules/queue/outputs.tf': MODULE['infra/modules/queue/outputs.tf'] });

    expect(checkModuleDocs(config, { 'infra/modules/queue': '| `name` | ... |\n| `queue_url` | ... |' })).toEqual([]);
  });

  it('reports a variable without description and inputs missing from the README', async () => {
    const config = await hcl(MODULE);

    expect(checkModuleDocs(config, { 'infra/modules/queue': '| `name` | Queue name |' })).toEqual([
      { file: 'infra/modules/queue/variables.tf', resource: 'var.batch_size', message: 'needs a description (with units where it is a quantity)' },
      { file: 'infra/modules/queue/README.md', resource: 'var.batch_size', message: 'is not documented (expected `batch_size` in the README)' },
      { file: 'infra/modules/queue/README.md', resource: 'output.queue_url', message: 'is not documented (expected `queue_url` in the README)' },
    ]);
  });

  it('reports a module without README', async () => {
    const config = await hcl(MODULE);

    expect(checkModuleDocs(config, {}).at(-1)).toEqual({ file: 'infra/modules/queue/README.md', resource: 'module infra/modules/queue', message: 'is missing: document the inputs and outputs' });
  });
});
