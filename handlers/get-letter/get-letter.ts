import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { letterIdOf } from '../../shared/http/queries.js';
import { json, notFound } from '../../shared/http/http.js';
import type { LetterReader } from '../../shared/domain/ports.js';

/** GET /letters/{letterId}: the letter as last projected, or 404. */
export const getLetter =
  ({ letters }: { letters: Pick<LetterReader, 'get'> }) =>
  async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
    const letterId = letterIdOf(event);
    const letter = await letters.get(letterId);
    if (!letter) throw notFound(`letter ${letterId} is not known (yet)`);
    return json(200, letter);
  };
