import { toJsonSchema, toJsonSchemaDefs, type ConversionConfig } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import wiringJson from '../infra/wiring.json' with { type: 'json' };
import { LetterEvent } from '../shared/domain/events.js';
import { Child, Letter, Toy } from '../shared/domain/letter.js';
import {
  AcceptedResponse,
  ErrorResponse,
  GatewayErrorResponse,
  HistoryResponse,
  LetterPageResponse,
  LetterView,
  SummaryResponse,
  TopToysResponse,
} from '../shared/http/responses.js';
import * as example from './examples.js';
import { commonResponses } from './common-responses.js';
import { ROUTE_DOCS, type ResponseDoc, type RouteDoc } from './routes.js';
import { SECURITY_SCHEME, SERVERS, TAGS } from './servers.js';
import { OPERATIONS_COMPONENTS } from './operations-routes.js';

type Schema = v.GenericSchema;
type JsonObject = Record<string, unknown>;

const LETTER_RULES = [
  'Every string: well-formed Unicode (no lone surrogates), no noncharacters (U+FFFE, U+FFFF, …), no control characters',
  'except tab, line feed and carriage return in message; stored NFC-normalised; lengths count code points after',
  'normalisation; names are trimmed of white space and zero-width characters. Toy names are unique by their grouping',
  'key (NFKC, case-folded, white space collapsed). country: two ASCII letters in either case, an assigned',
  'ISO 3166-1 alpha-2 code, stored upper-case.',
].join(' ');

/** Named schemas, referenced from operations as #/components/schemas/<name>. */
const COMPONENTS: Record<string, Schema> = {
  Letter,
  Child,
  Toy,
  LetterView,
  LetterEvent,
  Accepted: AcceptedResponse,
  LetterPage: LetterPageResponse,
  History: HistoryResponse,
  TopToys: TopToysResponse,
  Summary: SummaryResponse,
  Error: ErrorResponse,
  GatewayError: GatewayErrorResponse,
  ...OPERATIONS_COMPONENTS,
};

// Transformations (trim, upper-case) have no JSON Schema form: the input shape is what a
// client sends. The text rules' lengths come from their metadata (code points, as JSON Schema counts).
const CONFIG: ConversionConfig = {
  target: 'draft-2020-12',
  errorMode: 'ignore',
  typeMode: 'input',
  definitions: COMPONENTS,
  overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`,
};

const jsonSchema = (schema: Schema): JsonObject => {
  const { $schema: _, $defs: __, ...rest } = toJsonSchema(schema, CONFIG) as JsonObject;
  return rest;
};

const PARAMETER_EXAMPLES: Record<string, string> = {
  letterId: example.LETTER_ID,
  childId: example.CHILD_ID,
  limit: '10',
  cursor: 'eyJzdWJtaXR0ZWRBdCI6IjIwMjYtMTItMDEifQ',
  country: 'SE',
  projection: 'letters-analytics',
};

const parametersOf = (schema: Schema | undefined, where: 'path' | 'query') => {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchema(schema) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.includes(name),
    schema: property,
    example: PARAMETER_EXAMPLES[name],
  }));
};

const header = (name: string, description: string, value: string) => ({ name, in: 'header', required: false, description, schema: { type: 'string' }, example: value });

const headersOf = (doc: RouteDoc) => [
  ...(doc.command
    ? [header('Idempotency-Key', 'Optional, 1-128 printable ASCII characters, per account: a retry within 24 hours answers the first answer again and publishes nothing; on POST it also fixes the letter id', example.IDEMPOTENCY_KEY)]
    : []),
  ...(doc.minVersion
    ? [
        header(
          'Min-Version',
          "Optional: the `version` of a command's 202. The answer then includes that command's effect: at once if the store has it, else after waiting for it (Prefer: wait), else 412 NOT_YET_PROJECTED",
          example.VERSION,
        ),
        header('Prefer', 'Optional, RFC 7240: `wait=N` seconds to wait for Min-Version (default 2, at most 10); the wait applied is echoed in Preference-Applied', 'wait=5'),
      ]
    : []),
  header('x-correlation-id', 'Traces the request through its event and every projection; echoed in the response', example.CORRELATION_ID),
];

const correlationHeader = { 'x-correlation-id': { description: 'The correlation id of the request', schema: { type: 'string' }, example: example.CORRELATION_ID } };

const responseOf = ({ description, schema = ErrorResponse, examples, headers = {} }: ResponseDoc) => ({
  description,
  headers: {
    ...correlationHeader,
    ...Object.fromEntries(Object.entries(headers).map(([name, h]) => [name, { description: h.description, schema: { type: 'string' }, example: h.example }])),
  },
  content: {
    'application/json': {
      schema: jsonSchema(schema),
      examples: Object.fromEntries(Object.entries(examples).map(([name, value]) => [name, { value }])),
    },
  },
});

/** camelCase of a function's name: submit-letter → submitLetter, what generated clients call the method. */
export const operationIdOf = (functionName: string): string => functionName.replace(/-([a-z])/gu, (_, letter: string) => letter.toUpperCase());

const operationOf = (doc: RouteDoc, route: { function: string; scopes: string[] }) => ({
  operationId: operationIdOf(route.function),
  summary: doc.summary,
  description: `${doc.description}\n\nScopes: ${route.scopes.join(' or ')}.`,
  tags: [doc.tag],
  // Alternatives: a token needs any one of the route's scopes, as the JWT authorizer checks.
  security: route.scopes.map((scope) => ({ [SECURITY_SCHEME.name]: [scope] })),
  parameters: [...parametersOf(doc.path, 'path'), ...parametersOf(doc.query, 'query'), ...headersOf(doc)],
  ...(doc.body
    ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(doc.body.schema), examples: { letter: { value: doc.body.example } } } } } }
    : {}),
  responses: Object.fromEntries(
    Object.entries({ ...doc.responses, ...commonResponses(doc) })
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([status, response]) => [status, responseOf(response)]),
  ),
});

type Routes = Record<string, { function: string; scopes: string[] }>;

/** The OpenAPI 3.1 document of the HTTP API, derived from the valibot schemas and the routes of infra/wiring.json. */
export const openApiDocument = (routes: Routes = wiringJson.routes) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [routeKey, route] of Object.entries(routes)) {
    const doc = ROUTE_DOCS[routeKey];
    if (!doc) throw new Error(`${routeKey} is in infra/wiring.json but not described in openapi/routes.ts`);
    const [method = '', path = ''] = routeKey.split(' ');
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = operationOf(doc, route);
  }
  const { $schema: _, ...schemas } = toJsonSchemaDefs(COMPONENTS, CONFIG) as Record<string, JsonObject>;
  // Said here rather than in the schemas' metadata, which every function bundle would carry.
  schemas.Letter = { ...schemas.Letter, description: LETTER_RULES };
  return {
    openapi: '3.1.0',
    info: {
      title: "Santa's Workshop",
      version: '1.0.0',
      description: 'Letters to Santa: commands answer 202 at once and publish an event; queries read the projections, which follow within moments.',
    },
    servers: SERVERS,
    tags: TAGS,
    paths,
    components: { schemas, securitySchemes: { [SECURITY_SCHEME.name]: SECURITY_SCHEME.scheme } },
  };
};
