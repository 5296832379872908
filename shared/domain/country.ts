import { iso31661Alpha2ToAlpha3 } from 'iso-3166/1-a2-to-1-a3.js';
import * as v from 'valibot';

// The assigned codes of ISO 3166-1 as the iso-3166 package keeps them (249 codes; its
// alpha-2 → alpha-3 map is the smallest module that lists exactly those, about 1 KB minified).
const ASSIGNED = new Set(Object.keys(iso31661Alpha2ToAlpha3));

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
