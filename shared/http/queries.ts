import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as v from 'valibot';
import { parseInput } from './http.js';
import { CountryCode } from '../domain/country.js';
import { ChildId } from '../domain/letter.js';
import { LetterId } from '../domain/ids.js';

const limit = (max: number, fallback: number) =>
  v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,3}$/u, `limit must be a whole number from 1 to ${max}`),
      v.transform(Number),
      v.minValue(1, `limit must be at least 1`),
      v.maxValue(max, `limit must be at most ${max}`),
    ),
    String(fallback),
  );

/** Path parameters of /letters/{letterId}. */
export const LetterPath = v.object({ letterId: LetterId });

/** The letterId path parameter of a request; a malformed one is a 400. */
export const letterIdOf = (event: Pick<APIGatewayProxyEventV2, 'pathParameters'>): LetterId =>
  parseInput(LetterPath, event.pathParameters ?? {}, 'path').letterId;

/** Path parameters of /children/{childId}/letters. */
export const ChildPath = v.object({ childId: ChildId });

/** Query of GET /children/{childId}/letters. */
export const ChildLettersQuery = v.object({
  limit: limit(100, 20),
  cursor: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(1024, 'cursor is too long'))),
});

/** Query of GET /letters/{letterId}/history: paged as a child's letters are. */
export const HistoryQuery = ChildLettersQuery;

/** Query of GET /analytics/toys/top. */
export const TopToysQuery = v.object({
  limit: limit(100, 10),
  country: v.optional(CountryCode),
});
