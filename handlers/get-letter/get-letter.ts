import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { forbidden, readerOf, type Reader } from '../../shared/http/caller.js';
import { letterIdOf } from '../../shared/http/queries.js';
import { json, notFound } from '../../shared/http/http.js';
import { aboutLetter, minVersionOf, readAtLeast, withReadHeaders, type WaitOptions } from '../../shared/http/min-version.js';
import type { LetterObserver } from '../../shared/domain/observation-ports.js';
import type { StoredLetter } from '../../shared/domain/ports.js';
import { letterIncludes } from '../../shared/domain/version-inclusion.js';

// Another account's letter answers exactly as one never projected.
const isHidden = (reader: Reader, letter: StoredLetter | undefined): boolean =>
  !letter || (reader.kind === 'family' && letter.ownerId !== reader.accountId);

/**
 * GET /letters/{letterId}: the letter as last projected, or 404; a family sees only its own letters.
 * With Min-Version, only a state that includes that version (see shared/http/min-version.ts).
 */
export const getLetter =
  ({ letters, wait = {} }: { letters: Pick<LetterObserver, 'observe'>; wait?: Omit<WaitOptions, 'context'> }) =>
  async (event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyResultV2> => {
    const reader = readerOf(event);
    if (!reader) return forbidden();
    const letterId = letterIdOf(event);
    const minVersion = minVersionOf(event, aboutLetter(letterId));
    const { value, headers } = await readAtLeast(
      minVersion,
      () => letters.observe(letterId),
      // Ownership first: another account's letter is answered at once, as without a version.
      ({ letter, progress }, version) => (letter !== undefined && isHidden(reader, letter)) || (version.type !== 'ChildErased' && letterIncludes(progress, version)),
      { ...wait, context },
    );
    return withReadHeaders(headers, () => {
      if (isHidden(reader, value.letter)) throw notFound(`letter ${letterId} is not known (yet)`);
      return json(200, value.letter!.view, headers);
    });
  };
