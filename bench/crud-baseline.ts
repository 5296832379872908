import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { idempotencyKeyOf, letterOf } from '../shared/http/commands.js';
import { correlationIdOf } from '../shared/http/correlation.js';
import { createLetterEvent } from '../shared/domain/events.js';
import { json } from '../shared/http/http.js';
import { letterIdForKey, type IdsAndClock } from '../shared/domain/ids.js';
import type { JsonHttpEvent } from '../shared/http/middleware.js';
import type { Projection } from '../shared/domain/ports.js';

/** What the baseline writes to inside the request: both read stores. */
export interface CrudDependencies {
  letters: Projection;
  analytics: Projection;
  idsAndClock: IdsAndClock;
}

/**
 * POST /letters as a synchronous CRUD service would do it, for the benchmark only: the same
 * validation as submitLetter, then both stores written before answering 201. The two writes
 * run concurrently, the most favourable case for the baseline.
 */
export const crudSubmitLetter =
  ({ letters, analytics, idsAndClock }: CrudDependencies) =>
  async (event: JsonHttpEvent): Promise<APIGatewayProxyResultV2> => {
    const letter = letterOf(event);
    const idempotencyKey = idempotencyKeyOf(event);
    const letterId = idempotencyKey ? letterIdForKey(idempotencyKey) : idsAndClock.newId();
    const letterEvent = createLetterEvent({ type: 'LetterSubmitted', letterId, letter, correlationId: correlationIdOf(event) }, idsAndClock);
    await Promise.all([letters.apply([letterEvent]), analytics.apply([letterEvent])]);
    return json(201, { letterId, status: 'created' }, { location: `/letters/${letterId}` });
  };
