import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { familyAccountOf, forbidden } from '../../shared/http/caller.js';
import { json, parseInput, validationFailed } from '../../shared/http/http.js';
import { aboutChild, minVersionOf, readAtLeast, type WaitOptions } from '../../shared/http/min-version.js';
import type { LetterObserver } from '../../shared/domain/observation-ports.js';
import { InvalidCursorError } from '../../shared/domain/ports.js';
import { pageIncludesErasure, pageIncludesLetter, type ListedLetter } from '../../shared/domain/version-inclusion.js';
import { ChildLettersQuery, ChildPath } from '../../shared/http/queries.js';

/**
 * GET /children/{childId}/letters: the caller's own child's letters, newest first, a page at a time. Families only.
 * With Min-Version (the child's erasure, or a letter's change), only a page that includes it.
 */
export const listChildLetters =
  ({ letters, wait = {} }: { letters: LetterObserver; wait?: Omit<WaitOptions, 'context'> }) =>
  async (event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyResultV2> => {
    const accountId = familyAccountOf(event);
    if (accountId === undefined) return forbidden();
    const { childId } = parseInput(ChildPath, event.pathParameters ?? {}, 'path');
    const { limit, cursor } = parseInput(ChildLettersQuery, event.queryStringParameters ?? {}, 'query');
    const minVersion = minVersionOf(event, aboutChild(childId));
    // What the letters view holds of a letter the page does not list; another account's letter counts as not there.
    const listedLetter = async (letterId: string): Promise<ListedLetter> => {
      const { letter, progress } = await letters.observe(letterId);
      if (letter === undefined) return { progress, listedAt: undefined };
      if (letter.ownerId !== accountId) return { progress: undefined, listedAt: undefined };
      return { progress, listedAt: letter.view.child.id === childId ? letter.view.submittedAt : undefined };
    };
    try {
      const { value: page, headers } = await readAtLeast(
        minVersion,
        () => letters.observeChild(accountId, childId, { limit, ...(cursor ? { cursor } : {}) }),
        (observed, version) =>
          version.type === 'ChildErased'
            ? pageIncludesErasure(observed, version)
            : pageIncludesLetter(observed, version, { fromCursor: cursor !== undefined, letter: () => listedLetter(version.letterId) }),
        { ...wait, context },
      );
      return json(200, { items: page.items, nextCursor: page.nextCursor }, headers);
    } catch (error) {
      if (error instanceof InvalidCursorError) {
        throw validationFailed('the query is not valid', [{ path: 'cursor', message: error.message }]);
      }
      throw error;
    }
  };
