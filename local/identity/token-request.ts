import * as v from 'valibot';
import { wiring } from '../wiring.js';

/** The scopes the routes of the wiring ask for: the only ones the local issuer grants. */
export const KNOWN_SCOPES = [...new Set(Object.values(wiring.routes).flatMap((route) => route.scopes))].sort();

/** Longest lifetime the local issuer grants, in seconds (a day, as long as a token is useful for). */
export const MAX_EXPIRES_IN = 86_400;

/** Lifetime of a token when the request names none (an hour, as Cognito's access tokens). */
export const DEFAULT_EXPIRES_IN = 3_600;

/** The body of POST /local/token: who the token is for, what it may do, and for how long. */
export const TokenRequest = v.strictObject({
  sub: v.pipe(
    v.string('sub must be a string'),
    v.regex(/^[\x21-\x7e]{1,128}$/u, 'sub must be 1-128 printable ASCII characters without spaces'),
  ),
  scope: v.pipe(
    v.string('scope must be a string'),
    v.check(
      (scope) => scope.split(' ').every((one) => KNOWN_SCOPES.includes(one)),
      `scope must be one or more of ${KNOWN_SCOPES.join(', ')}, separated by single spaces`,
    ),
  ),
  expiresIn: v.optional(
    v.pipe(
      v.number('expiresIn must be a number of seconds'),
      v.integer('expiresIn must be a whole number of seconds'),
      v.minValue(1, 'expiresIn must be at least 1 second'),
      v.maxValue(MAX_EXPIRES_IN, `expiresIn must be at most ${MAX_EXPIRES_IN} seconds`),
    ),
  ),
});
export type TokenRequest = v.InferOutput<typeof TokenRequest>;
