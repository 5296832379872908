import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { idempotencyKeyOf, letterOf, publishAndAccept, type CommandDependencies } from '../../shared/http/commands.js';
import { letterIdForKey } from '../../shared/domain/ids.js';
import type { JsonHttpEvent } from '../../shared/http/middleware.js';

/** POST /letters: validates the letter, publishes LetterSubmitted, answers 202 without reading anything. */
export const submitLetter =
  (deps: CommandDependencies) =>
  async (event: JsonHttpEvent): Promise<APIGatewayProxyResultV2> => {
    const letter = letterOf(event);
    const idempotencyKey = idempotencyKeyOf(event);
    // A retried request with the same key names the same letter, so retries converge on one letter.
    const letterId = idempotencyKey ? letterIdForKey(idempotencyKey) : deps.idsAndClock.newId();
    return publishAndAccept(deps, event, { type: 'LetterSubmitted', letterId, letter });
  };
