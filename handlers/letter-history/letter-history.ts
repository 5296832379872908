import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { forbidden, readerOf } from '../../shared/http/caller.js';
import { letterIdOf } from '../../shared/http/queries.js';
import { json, notFound } from '../../shared/http/http.js';
import { aboutLetter, minVersionOf, readAtLeast, withReadHeaders, type WaitOptions } from '../../shared/http/min-version.js';
import type { EventLogObserver } from '../../shared/domain/observation-ports.js';
import type { EventLogReader } from '../../shared/domain/ports.js';

/**
 * GET /letters/{letterId}/history: every event of the letter, oldest first, or 404 while none is archived; a family sees only its own.
 * With Min-Version, only once the log holds that event (or has erased the letter).
 */
export const letterHistory =
  ({ eventLog, wait = {} }: { eventLog: EventLogReader & EventLogObserver; wait?: Omit<WaitOptions, 'context'> }) =>
  async (event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyResultV2> => {
    const reader = readerOf(event);
    if (!reader) return forbidden();
    const letterId = letterIdOf(event);
    const minVersion = minVersionOf(event, aboutLetter(letterId));
    const { headers } = await readAtLeast(
      minVersion,
      async () => (minVersion ? eventLog.observeEvent(letterId, minVersion.version) : undefined),
      // The history below decides ownership as without a version; another account's event ends the wait at once.
      (recorded) => recorded === undefined || recorded.recorded || recorded.erased,
      { ...wait, context },
    );
    return withReadHeaders(headers, async () => {
      const events = await eventLog.history(letterId);
      // Every event of a letter carries its owner; another account's events are never shown, not even one.
      const items = reader.kind === 'workshop' ? events : events.filter((e) => e.ownerId === reader.accountId);
      if (items.length === 0) throw notFound(`letter ${letterId} has no recorded events (yet)`);
      return json(200, { items }, headers);
    });
  };
