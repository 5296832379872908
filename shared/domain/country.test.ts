import { describe, expect, it } from 'vitest';
import { iso3166CodesModule } from '../../tools/iso-3166-codes.js';
import { isAssignedCountry } from './country.js';
import { ISO_3166_1_ALPHA_2 } from './iso-3166-codes.js';

describe('isAssignedCountry', () => {
  it('knows exactly the codes the iso-3166 package lists as assigned', async () => {
    const { readFile } = await import('node:fs/promises');
    const committed = await readFile(new URL('./iso-3166-codes.ts', import.meta.url), 'utf8');

    // When the package gains or drops a code: tsx tools/iso-3166-codes.ts, then commit.
    expect(committed).toBe(iso3166CodesModule());
    expect(ISO_3166_1_ALPHA_2.split(' ')).toHaveLength(249);
  });

  it('accepts assigned codes and refuses user-assigned, reserved and unknown ones', () => {
    expect(['SE', 'FI', 'GB', 'AX', 'BQ', 'SS'].every(isAssignedCountry)).toBe(true);
    expect(['XX', 'ZZ', 'XK', 'EU', 'UK', 'AA', 'QO', 'se'].some(isAssignedCountry)).toBe(false);
  });
});
