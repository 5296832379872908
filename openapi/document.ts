import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { Letter } from '../shared/domain/letter.js';
import { ChildLettersQuery, ChildPath, LetterPath, TopToysQuery } from '../shared/http/queries.js';
import {
  AcceptedResponse,
  ErrorResponse,
  HistoryResponse,
  LetterPageResponse,
  LetterView,
  SummaryResponse,
  TopToysResponse,
} from '../shared/http/responses.js';

type Schema = v.GenericSchema;

interface RouteDoc {
  summary: string;
  path?: Schema;
  query?: Schema;
  body?: Schema;
  headers?: Record<string, string>;
  responses: Record<number, { description: string; schema: Schema; headers?: Record<string, string> }>;
}

const invalid = { description: 'The request is not valid (VALIDATION_FAILED, MALFORMED_JSON)', schema: ErrorResponse };
const notFound = { description: 'Not known (yet): projections are eventually consistent', schema: ErrorResponse };
const internal = { description: 'An unexpected failure; details are only in the logs', schema: ErrorResponse };
const accepted = {
  description: 'Accepted: the event is published; the read side shows it shortly',
  schema: AcceptedResponse,
  headers: { location: 'Where the letter will be readable' },
};
const bodyErrors = {
  413: { description: 'The body is larger than 64 KiB', schema: ErrorResponse },
  415: { description: 'The body is not JSON', schema: ErrorResponse },
};

/** What each API route takes and answers; the keys are exactly the routes of infra/wiring.json. */
export const ROUTE_DOCS: Record<string, RouteDoc> = {
  'POST /letters': {
    summary: 'Send a letter to Santa',
    body: Letter,
    headers: { 'idempotency-key': 'Optional, 1-128 printable ASCII characters: a retry with the same key names the same letter' },
    responses: { 202: accepted, 400: invalid, ...bodyErrors, 500: internal },
  },
  'PUT /letters/{letterId}': {
    summary: 'Replace a letter',
    path: LetterPath,
    body: Letter,
    responses: { 202: accepted, 400: invalid, ...bodyErrors, 500: internal },
  },
  'DELETE /letters/{letterId}': {
    summary: 'Withdraw a letter',
    path: LetterPath,
    responses: { 202: accepted, 400: invalid, 500: internal },
  },
  'GET /letters/{letterId}': {
    summary: 'A letter as last projected',
    path: LetterPath,
    responses: { 200: { description: 'The letter', schema: LetterView }, 400: invalid, 404: notFound, 500: internal },
  },
  'GET /letters/{letterId}/history': {
    summary: "A letter's events, oldest first",
    path: LetterPath,
    responses: { 200: { description: 'The events', schema: HistoryResponse }, 400: invalid, 404: notFound, 500: internal },
  },
  'GET /children/{childId}/letters': {
    summary: "A child's letters, newest first",
    path: ChildPath,
    query: ChildLettersQuery,
    responses: { 200: { description: 'A page of letters', schema: LetterPageResponse }, 400: invalid, 500: internal },
  },
  'GET /analytics/toys/top': {
    summary: 'The most wished-for toys over active letters',
    query: TopToysQuery,
    responses: { 200: { description: 'Toys by quantity', schema: TopToysResponse }, 400: invalid, 500: internal },
  },
  'GET /analytics/summary': {
    summary: 'Totals over all letters',
    responses: { 200: { description: 'The totals', schema: SummaryResponse }, 500: internal },
  },
};

// Transformations (trim, upper-case) have no JSON Schema form; the input shape is what a client sends.
const jsonSchema = (schema: Schema) => toJsonSchema(schema, { target: 'draft-2020-12', errorMode: 'ignore', typeMode: 'input' });

const parametersOf = (schema: Schema | undefined, where: 'path' | 'query') => {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchema(schema) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.includes(name),
    schema: property,
  }));
};

/** The OpenAPI 3.1 document of the HTTP API, derived from the valibot schemas. */
export const openApiDocument = () => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [routeKey, doc] of Object.entries(ROUTE_DOCS)) {
    const [method = '', path = ''] = routeKey.split(' ');
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = {
      summary: doc.summary,
      operationId: routeKey,
      parameters: [
        ...parametersOf(doc.path, 'path'),
        ...parametersOf(doc.query, 'query'),
        ...Object.entries(doc.headers ?? {}).map(([name, description]) => ({ name, in: 'header', required: false, description, schema: { type: 'string' } })),
        { name: 'x-correlation-id', in: 'header', required: false, description: 'Traces the request through events and projections', schema: { type: 'string' } },
      ],
      ...(doc.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(doc.body) } } } } : {}),
      responses: Object.fromEntries(
        Object.entries(doc.responses).map(([status, response]) => [
          status,
          {
            description: response.description,
            ...(response.headers
              ? { headers: Object.fromEntries(Object.entries(response.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }])) }
              : {}),
            content: { 'application/json': { schema: jsonSchema(response.schema) } },
          },
        ]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: "Santa's Workshop", version: '1.0.0', description: 'Letters to Santa: commands answer 202 at once; queries read projections.' },
    paths,
  };
};
