import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { familyAccountOf, forbidden } from '../shared/http/caller.js';
import { idempotencyKeyOf, letterOf } from '../shared/http/commands.js';
import { correlationIdOf } from '../shared/http/correlation.js';
import { createLetterEvent } from '../shared/domain/events.js';
import { json } from '../shared/http/http.js';
import type { IdsAndClock } from '../shared/domain/ids.js';
import type { LetterIds } from '../shared/domain/letter-ids.js';
import type { JsonHttpEvent } from '../shared/http/middleware.js';
import type { Projection } from '../shared/domain/ports.js';

/** What the baseline writes to inside the request: both read stores. */
export interface CrudDependencies {
  letters: Projection;
  analytics: Projection;
  idsAndClock: IdsAndClock;
  letterIds: LetterIds;
}

/**
 * POST /letters as a synchronous CRUD service would do it, for the benchmark only: the same
 * caller check and validation as submitLetter, then both stores written before answering 201.
 * The two writes run concurrently, the most favourable case for the baseline.
 */
export const crudSubmitLetter =
  ({ letters, analytics, idsAndClock, letterIds }: CrudDependencies) =>
  async (event: JsonHttpEvent): Promise<APIGatewayProxyResultV2> => {
    const ownerId = familyAccountOf(event);
    if (ownerId === undefined) return forbidden();
    const letter = letterOf(event);
    const idempotencyKey = idempotencyKeyOf(event);
    const letterId = idempotencyKey ? letterIds.forIdempotencyKey(ownerId, idempotencyKey) : letterIds.fresh(ownerId);
    const letterEvent = createLetterEvent({ type: 'LetterSubmitted', letterId, ownerId, letter, correlationId: correlationIdOf(event) }, idsAndClock);
    await Promise.all([letters.apply([letterEvent]), analytics.apply([letterEvent])]);
    return json(201, { letterId, status: 'created' }, { location: `/letters/${letterId}` });
  };
