import type { APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { forbidden, familyAccountOf } from '../../shared/http/caller.js';
import { acceptCommand, assertOwnLetter, idempotencyKeyOf, letterOf, type CommandDependencies } from '../../shared/http/commands.js';
import { letterIdOf } from '../../shared/http/queries.js';
import type { JsonHttpEvent } from '../../shared/http/middleware.js';

/** PUT /letters/{letterId}: replaces the whole letter of the caller's account by publishing LetterAmended; answers 202. */
export const amendLetter =
  (deps: CommandDependencies) =>
  async (event: JsonHttpEvent, context?: Context): Promise<APIGatewayProxyResultV2> => {
    const accountId = familyAccountOf(event);
    if (accountId === undefined) return forbidden();
    const letterId = letterIdOf(event);
    assertOwnLetter(deps, letterId, accountId);
    const letter = letterOf(event);
    const idempotencyKey = idempotencyKeyOf(event);
    return acceptCommand(deps, { event, context, accountId, idempotencyKey, command: { type: 'LetterAmended', letterId, letter } });
  };
