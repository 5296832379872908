import type { APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { forbidden, familyAccountOf } from '../../shared/http/caller.js';
import { acceptCommand, idempotencyKeyOf, letterOf, type CommandDependencies } from '../../shared/http/commands.js';
import type { JsonHttpEvent } from '../../shared/http/middleware.js';

/** POST /letters: validates the letter, publishes LetterSubmitted for the caller's account, answers 202 without reading anything. */
export const submitLetter =
  (deps: CommandDependencies) =>
  async (event: JsonHttpEvent, context?: Context): Promise<APIGatewayProxyResultV2> => {
    const accountId = familyAccountOf(event);
    if (accountId === undefined) return forbidden();
    const letter = letterOf(event);
    const idempotencyKey = idempotencyKeyOf(event);
    // The key fixes the letter id, so a retry even after the idempotency window names the same letter.
    const letterId = idempotencyKey
      ? deps.letterIds.forIdempotencyKey(accountId, idempotencyKey)
      : deps.letterIds.fresh(accountId);
    return acceptCommand(deps, { event, context, accountId, idempotencyKey, command: { type: 'LetterSubmitted', letterId, letter } });
  };
