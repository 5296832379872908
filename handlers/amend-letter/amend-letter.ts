import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { letterOf, publishAndAccept, type CommandDependencies } from '../../shared/http/commands.js';
import { letterIdOf } from '../../shared/http/queries.js';
import type { JsonHttpEvent } from '../../shared/http/middleware.js';

/** PUT /letters/{letterId}: replaces the whole letter by publishing LetterAmended; answers 202. */
export const amendLetter =
  (deps: CommandDependencies) =>
  async (event: JsonHttpEvent): Promise<APIGatewayProxyResultV2> => {
    const letterId = letterIdOf(event);
    const letter = letterOf(event);
    return publishAndAccept(deps, event, { type: 'LetterAmended', letterId, letter });
  };
