import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { forbidden, readerOf } from '../../shared/http/caller.js';
import { letterIdOf } from '../../shared/http/queries.js';
import { json, notFound } from '../../shared/http/http.js';
import type { LetterReader } from '../../shared/domain/ports.js';

/** GET /letters/{letterId}: the letter as last projected, or 404; a family sees only its own letters. */
export const getLetter =
  ({ letters }: { letters: Pick<LetterReader, 'get'> }) =>
  async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
    const reader = readerOf(event);
    if (!reader) return forbidden();
    const letterId = letterIdOf(event);
    const letter = await letters.get(letterId);
    // Another account's letter answers exactly as one never projected.
    if (!letter || (reader.kind === 'family' && letter.ownerId !== reader.accountId)) {
      throw notFound(`letter ${letterId} is not known (yet)`);
    }
    return json(200, letter.view);
  };
