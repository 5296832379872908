import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { forbidden, readerOf } from '../../shared/http/caller.js';
import { letterIdOf } from '../../shared/http/queries.js';
import { json, notFound } from '../../shared/http/http.js';
import type { EventLogReader } from '../../shared/domain/ports.js';

/** GET /letters/{letterId}/history: every event of the letter, oldest first, or 404 while none is archived; a family sees only its own. */
export const letterHistory =
  ({ eventLog }: { eventLog: EventLogReader }) =>
  async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
    const reader = readerOf(event);
    if (!reader) return forbidden();
    const letterId = letterIdOf(event);
    const events = await eventLog.history(letterId);
    // Every event of a letter carries its owner; another account's events are never shown, not even one.
    const items = reader.kind === 'workshop' ? events : events.filter((e) => e.ownerId === reader.accountId);
    if (items.length === 0) throw notFound(`letter ${letterId} has no recorded events (yet)`);
    return json(200, { items });
  };
