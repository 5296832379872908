import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as v from 'valibot';
import { DeadLetter, ProjectionName, ProjectionState, type ProjectionQueue } from '../domain/pipeline.js';
import { notFound, parseInput } from './http.js';

/** Path parameters of /operations/queues/{projection}/…. */
export const ProjectionPath = v.object({ projection: ProjectionName });

/** Query of GET /operations/queues/{projection}/dead-letters: SQS returns at most 10 messages a receive. */
export const DeadLettersQuery = v.object({
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,2}$/u, 'limit must be a whole number from 1 to 10'), v.transform(Number), v.minValue(1, 'limit must be at least 1'), v.maxValue(10, 'limit must be at most 10')),
    '10',
  ),
});

/** The projection a path names: 400 when malformed, 404 when no such queue is watched. */
export const projectionOf = (event: Pick<APIGatewayProxyEventV2, 'pathParameters'>, queues: readonly ProjectionQueue[]): ProjectionQueue => {
  const { projection } = parseInput(ProjectionPath, event.pathParameters ?? {}, 'path');
  const queue = queues.find((candidate) => candidate.name === projection);
  if (!queue) throw notFound(`no projection ${projection}; known: ${queues.map((known) => known.name).join(', ')}`);
  return queue;
};

/** GET /operations/queues answers every watched projection. */
export const PipelineStateResponse = v.strictObject({ items: v.array(ProjectionState) });

/** GET /operations/queues/{projection}/dead-letters: the DLQ's depth and its first messages, withheld as DeadLetter says. */
export const DeadLetterPageResponse = v.strictObject({ projection: v.string(), depth: v.number(), items: v.array(DeadLetter) });
