import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { ownerOf, type LetterEvent } from '../../shared/domain/events.js';
import { forbidden, readerOf } from '../../shared/http/caller.js';
import { HistoryQuery, letterIdOf } from '../../shared/http/queries.js';
import { json, notFound, parseInput, validationFailed } from '../../shared/http/http.js';
import { InvalidCursorError, type EventLogReader } from '../../shared/domain/ports.js';

/**
 * GET /letters/{letterId}/history: the letter's events, oldest first, a page at a time, or 404
 * while none is archived. A family sees only its own letters; elves see any, without the
 * account id (they need what happened to a letter, not whose it is).
 */
export const letterHistory =
  ({ eventLog }: { eventLog: Pick<EventLogReader, 'historyPage'> }) =>
  async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
    const reader = readerOf(event);
    if (!reader) return forbidden();
    const letterId = letterIdOf(event);
    const { limit, cursor } = parseInput(HistoryQuery, event.queryStringParameters ?? {}, 'query');
    const page = await historyPageOf(eventLog, letterId, { limit, ...(cursor ? { cursor } : {}) });
    // Every event of a letter carries its owner; another account's events are never shown, not even one.
    const visible = reader.kind === 'workshop' || page.items.every((e) => ownerOf(e) === reader.accountId);
    if (page.items.length === 0 || !visible) throw notFound(`letter ${letterId} has no recorded events (yet)`);
    const items = reader.kind === 'workshop' ? page.items.map(withoutOwner) : page.items;
    return json(200, { items, nextCursor: page.nextCursor });
  };

const historyPageOf = async (eventLog: Pick<EventLogReader, 'historyPage'>, letterId: string, options: { limit: number; cursor?: string }) => {
  try {
    return await eventLog.historyPage(letterId, options);
  } catch (error) {
    if (error instanceof InvalidCursorError) throw validationFailed('the query is not valid', [{ path: 'cursor', message: error.message }]);
    throw error;
  }
};

// Version 1 events have no ownerId; the rest lose it.
const withoutOwner = (event: LetterEvent): Omit<LetterEvent, 'ownerId'> => {
  if (!('ownerId' in event)) return event;
  const { ownerId: _ownerId, ...rest } = event;
  return rest;
};
