import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { publishAndAccept, type CommandDependencies } from '../../shared/http/commands.js';
import { letterIdOf } from '../../shared/http/queries.js';

/** DELETE /letters/{letterId}: withdraws the letter by publishing LetterWithdrawn; answers 202. */
export const withdrawLetter =
  (deps: CommandDependencies) =>
  async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
    const letterId = letterIdOf(event);
    return publishAndAccept(deps, event, { type: 'LetterWithdrawn', letterId });
  };
