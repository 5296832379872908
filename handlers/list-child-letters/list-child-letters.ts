import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { familyAccountOf, forbidden } from '../../shared/http/caller.js';
import { json, parseInput, validationFailed } from '../../shared/http/http.js';
import { InvalidCursorError, type LetterReader } from '../../shared/domain/ports.js';
import { ChildLettersQuery, ChildPath } from '../../shared/http/queries.js';

/** GET /children/{childId}/letters: the caller's own child's letters, newest first, a page at a time. Families only. */
export const listChildLetters =
  ({ letters }: { letters: Pick<LetterReader, 'listByChild'> }) =>
  async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
    const accountId = familyAccountOf(event);
    if (accountId === undefined) return forbidden();
    const { childId } = parseInput(ChildPath, event.pathParameters ?? {}, 'path');
    const { limit, cursor } = parseInput(ChildLettersQuery, event.queryStringParameters ?? {}, 'query');
    try {
      const page = await letters.listByChild(accountId, childId, { limit, ...(cursor ? { cursor } : {}) });
      return json(200, page);
    } catch (error) {
      if (error instanceof InvalidCursorError) {
        throw validationFailed('the query is not valid', [{ path: 'cursor', message: error.message }]);
      }
      throw error;
    }
  };
