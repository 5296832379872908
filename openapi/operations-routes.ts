import type * as v from 'valibot';
import { DeadLetter, ProjectionState, RedriveOutcome } from '../shared/domain/pipeline.js';
import { DeadLetterPageResponse, DeadLettersQuery, PipelineStateResponse, ProjectionPath } from '../shared/http/operations.js';
import * as example from './examples.js';
import type { ResponseDoc, RouteDoc } from './routes.js';

const { errors } = example;
const unknownProjection: ResponseDoc = {
  description: 'No such projection (NOT_FOUND)',
  examples: { notFound: { error: { code: 'NOT_FOUND', message: 'no projection letters-nowhere; known: letters-view, letters-analytics, letters-archive' } } },
};
const invalidPath: ResponseDoc = { description: 'The path or query is not valid (VALIDATION_FAILED)', examples: { validationFailed: errors.invalidQuery } };

const pipeline = {
  items: [
    { projection: 'letters-view', backlog: { visible: 12, inFlight: 10, delayed: 0 }, oldestMessageAgeSeconds: 3, readLagSeconds: 3.4, dlqDepth: 0 },
    { projection: 'letters-analytics', backlog: { visible: 0, inFlight: 0, delayed: 0 }, oldestMessageAgeSeconds: 0, readLagSeconds: 0, dlqDepth: 1 },
    { projection: 'letters-archive', backlog: { visible: 0, inFlight: 0, delayed: 0 }, oldestMessageAgeSeconds: null, readLagSeconds: null, dlqDepth: 0 },
  ],
};
const deadLetterPage = {
  projection: 'letters-analytics',
  depth: 1,
  items: [{ messageId: '5f0c6a8e-1b1e-4c1a-9d7e-2b6f3f1c9a10', type: 'LetterSubmitted', letterId: example.LETTER_ID, receiveCount: 5, sentAt: '2026-12-01T18:00:00.000Z', error: 'not a letter event: schemaVersion: expected (1 | 2)' }],
};

/** Schemas the operations routes name, as #/components/schemas/<name>. */
export const OPERATIONS_COMPONENTS: Record<string, v.GenericSchema> = {
  ProjectionState,
  PipelineState: PipelineStateResponse,
  DeadLetter,
  DeadLetterPage: DeadLetterPageResponse,
  RedriveOutcome,
};

/** The operations routes (scope santa/operations): queue and DLQ state, dead letters, redrive. */
export const OPERATIONS_ROUTE_DOCS: Record<string, RouteDoc> = {
  'GET /operations/queues': {
    summary: "Read the pipeline's queues",
    description:
      'Per projection: messages waiting, in flight and delayed, the oldest message age and the read lag (seconds from an event to its projection), and the DLQ depth. On AWS the ages come from CloudWatch (ApproximateAgeOfOldestMessage, ProjectionLag; null without a datapoint in the last five minutes).',
    tag: 'operations',
    responses: { 200: { description: 'Every projection', schema: PipelineStateResponse, examples: { oneDeadLetter: pipeline } } },
  },
  'GET /operations/queues/{projection}/dead-letters': {
    summary: "Peek at a projection's dead letters",
    description: 'The first messages of the DLQ, left where they are; of each only the event type, letter id, receive count and, when the message itself shows it, why it cannot be projected. Never a name or a message.',
    tag: 'operations',
    path: ProjectionPath,
    query: DeadLettersQuery,
    responses: { 200: { description: 'The DLQ', schema: DeadLetterPageResponse, examples: { one: deadLetterPage } }, 400: invalidPath, 404: unknownProjection },
  },
  'POST /operations/queues/{projection}/redrive': {
    summary: "Redrive a projection's dead letters",
    description: "Moves the DLQ's messages back to the projection's queue: SQS' move task on AWS (status started), moved at once locally (status completed). Safe to repeat: every projection is idempotent.",
    tag: 'operations',
    path: ProjectionPath,
    responses: {
      202: { description: 'The redrive', schema: RedriveOutcome, examples: { completed: { projection: 'letters-analytics', status: 'completed', moved: 1, skipped: 0, taskHandle: null } } },
      400: { description: 'The path is not valid (VALIDATION_FAILED)', examples: { validationFailed: errors.invalidQuery } },
      404: unknownProjection,
    },
  },
};
