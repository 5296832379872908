import { describe, expect, it } from 'vitest';
import type { Wiring } from '../../../local/wiring.js';
import { hcl } from '../testing.js';
import { checkWiringSource } from './wiring-source.js';

const wiring: Wiring = {
  topic: 'letters',
  metrics: { namespace: 'SantasWorkshop' },
  commandQuota: { table: 'command-quotas', commandsPerMinute: 60 },
  functions: { 'submit-letter': { role: 'command', memoryMb: 256, timeoutSeconds: 5 } },
  routes: { 'POST /letters': { function: 'submit-letter', scopes: ['santa/letters'] } },
  consumers: {},
};

const READS_WIRING = `
  locals {
    wiring = jsondecode(file("\${path.module}/wiring.json"))
  }
  module "function" {
    source   = "./modules/f"
    for_each = local.wiring.functions
  }
  module "consumer" {
    source   = "./modules/c"
    for_each = local.wiring.consumers
  }`;

describe('checkWiringSource', () => {
  it('accepts a root module that iterates over wiring.json', async () => {
    const config = await hcl({ 'infra/main.tf': `${READS_WIRING}\nmodule "api" {\n  source = "./modules/a"\n  routes = { for r, f in local.wiring.routes : r => f }\n}` });

    expect(checkWiringSource(config, wiring)).toEqual([]);
  });

  it('reports routes written out in HCL instead of read from wiring.json', async () => {
    const config = await hcl({ 'infra/main.tf': `${READS_WIRING}\nmodule "api" {\n  source = "./modules/a"\n  routes = { "POST /letters" = "submit-letter" }\n}` });

    expect(checkWiringSource(config, wiring).map((f) => [f.file, f.resource, f.message.split(':')[0]])).toEqual([
      ['infra/main.tf', 'local.wiring.routes', 'no module call iterates over local.wiring.routes'],
      ['infra/main.tf', 'POST /letters', 'line 15 repeats "POST /letters" from wiring.json'],
    ]);
  });

  it('reports a root module that does not read wiring.json', async () => {
    const config = await hcl({ 'infra/main.tf': 'locals {\n  wiring = { functions = {} }\n}' });

    expect(checkWiringSource(config, wiring)[0]).toEqual({ file: 'infra/main.tf', resource: 'local.wiring', message: 'must be jsondecode(file("${path.module}/wiring.json"))' });
  });
});
