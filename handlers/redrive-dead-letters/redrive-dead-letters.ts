import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { json } from '../../shared/http/http.js';
import { projectionOf } from '../../shared/http/operations.js';
import type { ProjectionQueue, RedriveDeadLetters, RedriveOutcome } from '../../shared/domain/pipeline.js';

/**
 * POST /operations/queues/{projection}/redrive: moves the DLQ's messages back to the queue, from
 * where the projector takes them again; safe to repeat, since every projection is idempotent.
 */
export const redriveDeadLetters =
  ({ queues, redrive }: { queues: readonly ProjectionQueue[]; redrive: RedriveDeadLetters }) =>
  async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
    const queue = projectionOf(event, queues);
    const outcome: RedriveOutcome = { projection: queue.name, ...(await redrive(queue)) };
    return json(202, outcome);
  };
