import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { letterOf, publishAndAccept, type CommandDependencies } from '../../shared/commands.js';
import { letterIdOf } from '../../shared/queries.js';
import type { JsonHttpEvent } from '../../shared/middleware.js';

/** PUT /letters/{letterId}: replaces the whole letter by publishing LetterAmended; answers 202. */
export const amendLetter =
  (deps: CommandDependencies) =>
  async (event: JsonHttpEvent): Promise<APIGatewayProxyResultV2> => {
    const letterId = letterIdOf(event);
    const letter = letterOf(event);
    return publishAndAccept(deps, event, { type: 'LetterAmended', letterId, letter });
  };
