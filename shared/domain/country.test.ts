import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CountryCode, isAssignedCountry } from './country.js';
import { ISO_3166_1_ALPHA_2 } from './iso-3166-codes.js';

describe('isAssignedCountry', () => {
  it('knows the 249 assigned codes, and refuses user-assigned, reserved and unknown ones', () => {
    expect(ISO_3166_1_ALPHA_2.split(' ')).toHaveLength(249);
    expect(['SE', 'FI', 'GB', 'AX', 'BQ', 'SS'].every(isAssignedCountry)).toBe(true);
    expect(['XX', 'ZZ', 'XK', 'EU', 'UK', 'AA', 'QO', 'se'].some(isAssignedCountry)).toBe(false);
  });
});

describe('CountryCode', () => {
  it('accepts assigned codes in either case and upper-cases them', () => {
    expect(['SE', 'se', 'Fi', 'gb', 'AX'].map((code) => v.parse(CountryCode, code))).toEqual(['SE', 'SE', 'FI', 'GB', 'AX']);
  });

  it.each(['ſe', 'ıs', 'ﬀ', 'XX', 'ZZ', 'EU', 'UK', 'S', 'SWE', 'S1', ' SE', 'ＳＥ'])('rejects %j', (code) => {
    expect(v.safeParse(CountryCode, code).success).toBe(false);
  });
});
