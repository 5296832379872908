import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { iso3166CodesModule } from './iso-3166-codes.js';

describe('shared/domain/iso-3166-codes.ts', () => {
  it('lists exactly the codes the iso-3166 package has as assigned', async () => {
    const committed = await readFile(new URL('../shared/domain/iso-3166-codes.ts', import.meta.url), 'utf8');

    // When the package gains or drops a code: tsx tools/iso-3166-codes.ts, then commit.
    expect(committed).toBe(iso3166CodesModule());
  });
});
