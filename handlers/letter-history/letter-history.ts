import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { letterIdOf } from '../../shared/http/queries.js';
import { json, notFound } from '../../shared/http/http.js';
import type { EventLogReader } from '../../shared/domain/ports.js';

/** GET /letters/{letterId}/history: every event of the letter, oldest first, or 404 while none is archived. */
export const letterHistory =
  ({ eventLog }: { eventLog: EventLogReader }) =>
  async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
    const letterId = letterIdOf(event);
    const items = await eventLog.history(letterId);
    if (items.length === 0) throw notFound(`letter ${letterId} has no recorded events (yet)`);
    return json(200, { items });
  };
