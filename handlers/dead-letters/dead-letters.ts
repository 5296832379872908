import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { json, parseInput } from '../../shared/http/http.js';
import { DeadLettersQuery, projectionOf } from '../../shared/http/operations.js';
import { describeDeadLetter, type PeekDeadLetters, type PipelineProbe, type ProjectionQueue } from '../../shared/domain/pipeline.js';

/**
 * GET /operations/queues/{projection}/dead-letters: the DLQ's depth and its first messages,
 * read without taking them away; of each only the type, letter id, receive count and error.
 */
export const deadLetters =
  ({ queues, probe, peek }: { queues: readonly ProjectionQueue[]; probe: () => PipelineProbe; peek: PeekDeadLetters }) =>
  async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
    const queue = projectionOf(event, queues);
    const { limit } = parseInput(DeadLettersQuery, event.queryStringParameters ?? {}, 'query');
    const [counts, messages] = await Promise.all([probe().counts(queue.dlqUrl), peek(queue, limit)]);
    return json(
      200,
      { projection: queue.name, depth: counts.visible + counts.inFlight + counts.delayed, items: messages.map(describeDeadLetter) },
      { 'cache-control': 'no-store' },
    );
  };
