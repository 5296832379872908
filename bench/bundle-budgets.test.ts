import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBuildScript } from './build-script.js';
import { bundleHandler, type HandlerBundle } from './bundle-sizes.js';

interface Budget {
  maxRawBytes: number;
  maxZipBytes: number;
}

const budgets = (JSON.parse(readFileSync(new URL('./budgets.json', import.meta.url), 'utf8')) as { functions: Record<string, Budget> })
  .functions;

// Sizes only: they are deterministic. Timing floors are reported by `make bench`, never asserted.
describe('bundle budgets', () => {
  const bundles = new Map<string, HandlerBundle>();
  let names: string[] = [];

  beforeAll(async () => {
    const { bundleOptions, handlerNames } = await loadBuildScript();
    names = handlerNames();
    // In memory (write: false) with the real build's options, zipped as build.mjs zips.
    for (const bundle of await Promise.all(names.map((name) => bundleHandler(name, bundleOptions)))) bundles.set(bundle.name, bundle);
  }, 180_000);

  it('has a budget for every function and a function for every budget', () => {
    expect(Object.keys(budgets).sort()).toEqual(names);
  });

  it.each(Object.entries(budgets))('keeps %s within its budget', (name, budget) => {
    const bundle = bundles.get(name);

    expect(bundle, `handlers/${name}/index.ts was not bundled`).toBeDefined();
    expect(bundle?.rawBytes, `${name} index.mjs bytes (budget in bench/budgets.json)`).toBeLessThanOrEqual(budget.maxRawBytes);
    expect(bundle?.zipBytes, `${name} zip bytes (budget in bench/budgets.json)`).toBeLessThanOrEqual(budget.maxZipBytes);
  });
});
