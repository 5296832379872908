import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { LetterEvent } from '../../shared/domain/events.js';
import type { EventLogObserver } from '../../shared/domain/observation-ports.js';
import { InvalidCursorError, type EventLogReader } from '../../shared/domain/ports.js';
import { forbidden, readerOf } from '../../shared/http/caller.js';
import { json, notFound, parseInput, validationFailed } from '../../shared/http/http.js';
import { aboutLetter, minVersionOf, readAtLeast, withReadHeaders, type WaitOptions } from '../../shared/http/min-version.js';
import { HistoryQuery, letterIdOf } from '../../shared/http/queries.js';

/**
 * GET /letters/{letterId}/history: the letter's events, oldest first, a page at a time, or 404
 * while none is archived. A family sees only its own letters; elves see any, without the
 * account id (they need what happened to a letter, not whose it is). With Min-Version, only
 * once the log holds that event (or has erased the letter).
 */
export const letterHistory =
  ({ eventLog, wait = {} }: { eventLog: Pick<EventLogReader, 'historyPage'> & EventLogObserver; wait?: Omit<WaitOptions, 'context'> }) =>
  async (event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyResultV2> => {
    const reader = readerOf(event);
    if (!reader) return forbidden();
    const letterId = letterIdOf(event);
    const { limit, cursor } = parseInput(HistoryQuery, event.queryStringParameters ?? {}, 'query');
    const minVersion = minVersionOf(event, aboutLetter(letterId));
    const { headers } = await readAtLeast(
      minVersion,
      async () => (minVersion ? eventLog.observeEvent(letterId, minVersion.version) : undefined),
      // The history below decides ownership as without a version; another account's event ends the wait at once.
      (recorded) => recorded === undefined || recorded.recorded || recorded.erased,
      { ...wait, context },
    );
    return withReadHeaders(headers, async () => {
      const page = await historyPageOf(eventLog, letterId, { limit, ...(cursor ? { cursor } : {}) });
      // Every event of a letter carries its owner; another account's events are never shown, not even one.
      const visible = reader.kind === 'workshop' || page.items.every((e) => e.ownerId === reader.accountId);
      if (page.items.length === 0 || !visible) throw notFound(`letter ${letterId} has no recorded events (yet)`);
      const items = reader.kind === 'workshop' ? page.items.map(withoutOwner) : page.items;
      return json(200, { items, nextCursor: page.nextCursor }, headers);
    });
  };

const historyPageOf = async (eventLog: Pick<EventLogReader, 'historyPage'>, letterId: string, options: { limit: number; cursor?: string }) => {
  try {
    return await eventLog.historyPage(letterId, options);
  } catch (error) {
    if (error instanceof InvalidCursorError) throw validationFailed('the query is not valid', [{ path: 'cursor', message: error.message }]);
    throw error;
  }
};

const withoutOwner = ({ ownerId: _ownerId, ...rest }: LetterEvent): Omit<LetterEvent, 'ownerId'> => rest;
