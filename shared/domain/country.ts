import * as v from 'valibot';
import { ISO_3166_1_ALPHA_2 } from './iso-3166-codes.js';

// The assigned codes of ISO 3166-1 as the iso-3166 package keeps them (see iso-3166-codes.ts).
const ASSIGNED = new Set(ISO_3166_1_ALPHA_2.split(' '));

/** Whether a code is an assigned ISO 3166-1 alpha-2 code (upper case). */
export const isAssignedCountry = (code: string): boolean => ASSIGNED.has(code);

/**
 * A child's country: two ASCII letters in either case, checked before upper-casing (which
 * would turn "ſe" or "ıs" into valid-looking codes), then an assigned code ("XX" is not).
 */
export const CountryCode = v.pipe(
  v.string('country must be a string'),
  v.regex(/^[A-Za-z]{2}$/u, 'country must be two letters A-Z, an ISO 3166-1 alpha-2 code such as SE'),
  v.toUpperCase(),
  v.check(isAssignedCountry, 'country must be an assigned ISO 3166-1 alpha-2 code such as SE'),
);
export type CountryCode = v.InferOutput<typeof CountryCode>;
