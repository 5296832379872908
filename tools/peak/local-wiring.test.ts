import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { wiring } from '../../local/wiring.js';
import { CONSUMER_NAMES, deriveSettings, loadSizing } from './derive-settings.js';

// The default of peak_letters_per_second, as infra/peak.tf declares it.
const defaultPeak = (): number => {
  const text = readFileSync(new URL('../../infra/peak.tf', import.meta.url), 'utf8');
  const match = text.match(/variable "peak_letters_per_second" \{[^}]*?default\s*=\s*(\d+)/u);
  if (!match) throw new Error('infra/peak.tf declares no default for peak_letters_per_second');
  return Number(match[1]);
};

describe('the local runtime settings of infra/wiring.json', () => {
  const settings = deriveSettings(defaultPeak(), loadSizing());

  it('batch as the formula does for the default peak', () => {
    for (const name of CONSUMER_NAMES) {
      const consumer = wiring.consumers[name];
      expect({ name, batchSize: consumer?.batchSize, window: consumer?.maximumBatchingWindowSeconds }).toEqual({
        name,
        batchSize: settings.consumers[name].batchSize,
        window: settings.consumers[name].maximumBatchingWindowSeconds,
      });
    }
  });

  it('run at least the concurrency the default peak needs', () => {
    for (const name of CONSUMER_NAMES) {
      expect(wiring.consumers[name]?.maximumConcurrency).toBeGreaterThanOrEqual(settings.consumers[name].maximumConcurrency);
    }
  });

  it('name exactly the consumers the formula sizes', () => {
    expect(Object.keys(wiring.consumers).sort()).toEqual([...CONSUMER_NAMES].sort());
  });
});
