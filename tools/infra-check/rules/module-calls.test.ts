import { describe, expect, it } from 'vitest';
import { hcl } from '../testing.js';
import { checkModuleCalls } from './module-calls.js';

const queueModule = {
  'infra/modules/queue/variables.tf': `
    variable "name" {
      type = string
    }
    variable "batch_size" {
      type    = number
      default = 10
    }
    variable "kms_key_arn" {
      type    = string
      default = null
    }`,
};

describe('checkModuleCalls', () => {
  it('accepts a call passing required variables, optional ones and meta-arguments', async () => {
    const config = await hcl({ ...queueModule, 'infra/main.tf': 'module "queue" {\n  source = "./modules/queue"\n  for_each = {}\n  name = "q"\n  kms_key_arn = null\n}' });

    expect(checkModuleCalls(config)).toEqual([]);
  });

  it('reports a variable the module does not declare', async () => {
    const config = await hcl({ ...queueModule, 'infra/main.tf': 'module "queue" {\n  source = "./modules/queue"\n  name = "q"\n  batchSize = 5\n}' });

    expect(checkModuleCalls(config)).toEqual([{ file: 'infra/main.tf', resource: 'module.queue', message: 'passes "batchSize", which infra/modules/queue does not declare' }]);
  });

  it('reports a required variable left out', async () => {
    const config = await hcl({ ...queueModule, 'infra/main.tf': 'module "queue" {\n  source = "./modules/queue"\n}' });

    expect(checkModuleCalls(config)).toEqual([{ file: 'infra/main.tf', resource: 'module.queue', message: 'does not pass "name", which infra/modules/queue requires' }]);
  });

  it('reports a source pointing at no module', async () => {
    const config = await hcl({ 'infra/main.tf': 'module "queue" {\n  source = "./modules/queues"\n}' });

    expect(checkModuleCalls(config)).toEqual([{ file: 'infra/main.tf', resource: 'module.queue', message: 'source ./modules/queues points at infra/modules/queues, which has no .tf files' }]);
  });
});
