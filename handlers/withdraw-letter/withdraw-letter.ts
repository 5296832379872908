import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { forbidden, familyAccountOf } from '../../shared/http/caller.js';
import { acceptCommand, assertOwnLetter, idempotencyKeyOf, type CommandDependencies } from '../../shared/http/commands.js';
import { letterIdOf } from '../../shared/http/queries.js';

/** DELETE /letters/{letterId}: withdraws a letter of the caller's account by publishing LetterWithdrawn; answers 202. */
export const withdrawLetter =
  (deps: CommandDependencies) =>
  async (event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyResultV2> => {
    const accountId = familyAccountOf(event);
    if (accountId === undefined) return forbidden();
    const letterId = letterIdOf(event);
    assertOwnLetter(deps, letterId, accountId);
    const idempotencyKey = idempotencyKeyOf(event);
    return acceptCommand(deps, { event, context, accountId, idempotencyKey, command: { type: 'LetterWithdrawn', letterId } });
  };
