import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import fc from 'fast-check';
import * as v from 'valibot';
import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LetterEvent, parseLetterEvent, type LetterEventType } from '../shared/domain/events.js';
import { LetterId, OwnerId } from '../shared/domain/ids.js';
import { ChildId, CountryCode } from '../shared/domain/letter.js';
import { createLogger } from '../shared/lambda/logger.js';
import { createMetrics } from '../shared/lambda/metrics.js';
import { projectBatch } from '../shared/lambda/project-batch.js';
import { httpHandler, jsonHttpHandler, sqsHandler } from '../shared/http/middleware.js';
import type { AnalyticsReader, Projection } from '../shared/domain/ports.js';
import type { LetterObserver } from '../shared/domain/observation-ports.js';
import { anIdempotencyStore, startDynalite, type RunningDynalite } from '../shared/testing/dynalite.js';
import { commandDependencies, inMemoryEventLog, inMemoryLetters, recordingPublisher, tickingIdsAndClock } from '../shared/testing/fakes.js';
import { captureEmf } from '../shared/testing/emf.js';
import { ANOTHER_FAMILY_CALLER, ELF_CALLER, FAMILY_CALLER, httpEvent, type Caller } from '../shared/testing/http-event.js';
import { lambdaContext } from '../shared/testing/lambda-context.js';
import { letterBody } from '../shared/testing/letter-bodies.js';
import { aLetterId, aLetterIdOf, ANOTHER_FAMILY, anEvent, anEventId } from '../shared/testing/letters.js';
import { sqsRecord } from '../shared/testing/sqs-event.js';
import { amendLetter } from './amend-letter/amend-letter.js';
import { analyticsSummary } from './analytics-summary/analytics-summary.js';
import { getLetter } from './get-letter/get-letter.js';
import { letterHistory } from './letter-history/letter-history.js';
import { listChildLetters } from './list-child-letters/list-child-letters.js';
import { submitLetter } from './submit-letter/submit-letter.js';
import { topToys } from './top-toys/top-toys.js';
import { withdrawLetter } from './withdraw-letter/withdraw-letter.js';
import { eraseChild } from './erase-child/erase-child.js';

/*
 * Property-based bad input, through each function's Middy-wrapped form with fakes (and
 * dynalite for the idempotency records): whatever arrives, from whichever caller, no 5xx, nothing published unless the command was accepted, and in a consumer a
 * bad record fails alone. The fakes refuse (with a 500) any input a real store could choke on,
 * so a handler that passed unchecked input through would fail here too.
 */
const SEED = 1224;
const RUNS = 150;
const logger = createLogger('bad-input', 'SILENT');
const context = lambdaContext('bad-input');

const refuseUnless = (ok: boolean, what: string) => {
  if (!ok) throw new Error(`a store was given ${what}`);
};

/** A letters reader that answers like the real one but refuses ids and cursors off contract. */
const strictLetters = (): LetterObserver => {
  const letters = inMemoryLetters();
  return {
    observe: async (letterId) => {
      refuseUnless(v.is(LetterId, letterId), `letter id ${JSON.stringify(letterId)}`);
      return letters.observe(letterId);
    },
    observeChild: async (ownerId, childId, options) => {
      refuseUnless(v.is(OwnerId, ownerId), `owner id ${JSON.stringify(ownerId)}`);
      refuseUnless(v.is(ChildId, childId) && Number.isInteger(options.limit) && options.limit >= 1 && options.limit <= 100, 'a bad list query');
      return options.cursor === undefined ? letters.observeChild(ownerId, childId, { limit: options.limit }) : letters.observeChild(ownerId, childId, options);
    },
  };
};

const strictAnalytics = (): AnalyticsReader => ({
  topToys: async ({ limit, country }) => {
    refuseUnless(Number.isInteger(limit) && limit >= 1 && limit <= 100 && (country === undefined || v.is(CountryCode, country)), 'a bad top-toys query');
    return [];
  },
  summary: async () => ({ letters: { active: 0, withdrawn: 0 }, children: 0, toys: { distinct: 0, quantity: 0 }, countries: [] }),
});

type Http = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

interface HttpFunction {
  name: string;
  method: string;
  route: string;
  /** Builds the wrapped handler with a fresh recording publisher (and fresh idempotency records). */
  build: (publisher: ReturnType<typeof recordingPublisher>) => Http | Promise<Http>;
}

let dynamo: RunningDynalite;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo.stop();
});

const wrap =
  (handler: (event: APIGatewayProxyEventV2, context: ReturnType<typeof lambdaContext>) => Promise<unknown>): Http =>
  async (event) => (await handler(event, context)) as APIGatewayProxyStructuredResultV2;

// A fresh idempotency table per case, so a key one case used cannot make another's 202 a replay.
const commandDeps = async (publisher: ReturnType<typeof recordingPublisher>) =>
  commandDependencies({ publish: publisher.publish, idempotency: await anIdempotencyStore(dynamo) });

const HTTP_FUNCTIONS: HttpFunction[] = [
  { name: 'submit-letter', method: 'POST', route: '/letters', build: async (p) => wrap(jsonHttpHandler(logger, submitLetter(await commandDeps(p)))) },
  { name: 'amend-letter', method: 'PUT', route: '/letters/{letterId}', build: async (p) => wrap(jsonHttpHandler(logger, amendLetter(await commandDeps(p)))) },
  { name: 'withdraw-letter', method: 'DELETE', route: '/letters/{letterId}', build: async (p) => wrap(httpHandler(logger, withdrawLetter(await commandDeps(p)))) },
  { name: 'erase-child', method: 'DELETE', route: '/children/{childId}', build: async (p) => wrap(httpHandler(logger, eraseChild(await commandDeps(p)))) },
  { name: 'get-letter', method: 'GET', route: '/letters/{letterId}', build: () => wrap(httpHandler(logger, getLetter({ letters: strictLetters() }))) },
  { name: 'letter-history', method: 'GET', route: '/letters/{letterId}/history', build: () => wrap(httpHandler(logger, letterHistory({ eventLog: inMemoryEventLog() }))) },
  {
    name: 'list-child-letters',
    method: 'GET',
    route: '/children/{childId}/letters',
    build: () => wrap(httpHandler(logger, listChildLetters({ letters: strictLetters() }))),
  },
  { name: 'top-toys', method: 'GET', route: '/analytics/toys/top', build: () => wrap(httpHandler(logger, topToys({ analytics: strictAnalytics() }))) },
  { name: 'analytics-summary', method: 'GET', route: '/analytics/summary', build: () => wrap(httpHandler(logger, analyticsSummary({ analytics: strictAnalytics() }))) },
];

// Strings that have broken parsers before: lone surrogates, NUL, RTL marks, emoji, very long ones.
const oddString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', '\udfff', '\u202e', '🎅🏽', 'null', '[]', '{}', '../../etc', '%00', 'x'.repeat(70 * 1024)),
);

const letterLike = fc.record(
  {
    child: fc.oneof(fc.record({ id: oddString, name: oddString, age: fc.oneof(fc.integer(), fc.double(), oddString), country: oddString }, { requiredKeys: [] }), fc.jsonValue()),
    toys: fc.oneof(fc.array(fc.record({ name: oddString, quantity: fc.oneof(fc.integer(), fc.double(), oddString) }, { requiredKeys: [] }), { maxLength: 60 }), fc.jsonValue()),
    message: fc.oneof(oddString, fc.jsonValue()),
    extra: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

/** A body: a valid letter now and then (so both paths are taken), else anything at all. */
const anyBody = fc.oneof(
  { weight: 3, arbitrary: fc.constant(letterBody()) },
  letterLike,
  fc.jsonValue(),
  oddString,
  fc.json(),
  fc.constant(undefined),
);

const anyHeaders = fc.record(
  {
    'content-type': fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/xml', '', 'application/JSON'),
    'idempotency-key': oddString,
    'x-correlation-id': oddString,
  },
  { requiredKeys: [] },
);

// A URL cannot carry a lone surrogate: API Gateway decodes one as U+FFFD, so path values do too.
const pathString = oddString.map((value) => value.replace(/\p{Surrogate}/gu, '\ufffd'));
// Half the time the caller's own letter, so PUT and DELETE reach the accepting path too.
const letterIdLike = fc.oneof(
  { weight: 4, arbitrary: fc.constant(aLetterId(1)) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.constant(aLetterIdOf(ANOTHER_FAMILY, 1)) },
  { weight: 2, arbitrary: pathString },
);
// Mostly the family that owns aLetterId(1), so the accepting path is taken; else anyone or no one.
const anyCaller = fc.oneof(
  { weight: 4, arbitrary: fc.constant(FAMILY_CALLER) },
  { weight: 1, arbitrary: fc.constantFrom<Caller | null>(ANOTHER_FAMILY_CALLER, ELF_CALLER, null, { scope: 'santa/letters' }, { sub: 'x', scope: 'openid' }) },
  { weight: 1, arbitrary: fc.record({ sub: oddString, scope: oddString }, { requiredKeys: [] }) },
);
const anyPath = fc.record({ letterId: letterIdLike, childId: fc.oneof(fc.constantFrom('lotta-2019', 'a'.repeat(64), 'a'.repeat(65)), pathString) }, { requiredKeys: [] });
const anyQuery = fc.option(
  fc.record({ limit: fc.oneof(fc.nat().map(String), oddString), cursor: oddString, country: fc.oneof(fc.constantFrom('SE', 'se', 'XX', 'S'), oddString) }, { requiredKeys: [] }),
  { nil: undefined },
);

const bodyOf = (response: APIGatewayProxyStructuredResultV2) => JSON.parse(response.body ?? 'null') as Record<string, unknown> | null;

describe.each(HTTP_FUNCTIONS)('$name, given arbitrary input', ({ method, route, build }) => {
  it('never answers 5xx, answers errors in the contract shape, and publishes only on 202', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(anyBody, anyHeaders, anyPath, anyQuery, fc.boolean(), anyCaller, async (body, headers, pathParameters, query, isBase64Encoded, caller) => {
        const publisher = recordingPublisher();
        const event = httpEvent({
          method,
          route,
          pathParameters: Object.fromEntries(Object.entries(pathParameters).filter(([name]) => route.includes(`{${name}}`))),
          headers: Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== undefined)) as Record<string, string>,
          ...(query ? { query: query as Record<string, string> } : {}),
          ...(body !== undefined ? { body } : {}),
          isBase64Encoded,
          caller,
        });

        const response = await (await build(publisher))(event);

        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode === 202) {
          accepted += 1;
          expect(publisher.published).toHaveLength(1);
          expect(v.is(LetterEvent, publisher.published[0])).toBe(true);
        } else {
          expect(publisher.published).toEqual([]);
        }
        if (response.statusCode === 403) {
          // API Gateway's own body, as its authorizer answers a token without the route's scope.
          expect(bodyOf(response)).toEqual({ message: 'Forbidden' });
        } else if (response.statusCode! >= 400) {
          expect(bodyOf(response)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The generators must reach the accepting path too, or "publishes only on 202" proves nothing.
    if (method !== 'GET') expect(accepted).toBeGreaterThan(0);
  });
});

/** A Projection that records what it is given. */
const recording = (): Projection & { applied: LetterEvent[] } => {
  const applied: LetterEvent[] = [];
  return { applied, apply: async (events) => void applied.push(...events) };
};

const consumer = (name: string) => (projection: Projection) => {
  const metrics = createMetrics(name, 'SantasWorkshop');
  return sqsHandler(logger, metrics, projectBatch({ projection, logger, metrics }));
};
const CONSUMERS = ['project-letters', 'project-analytics', 'archive-events'].map((name) => ({ name, build: consumer(name) }));

const goodEvent = fc
  .tuple(fc.constantFrom('LetterSubmitted', 'LetterAmended', 'LetterWithdrawn') as fc.Arbitrary<LetterEventType>, fc.integer({ min: 1, max: 9999 }))
  .map(([type, n]) => anEvent(type, { letterId: aLetterId(n), eventId: anEventId(n) }));

/** A good event spoiled in one field: unknown type or schema version, wrong types, extra or missing fields. */
const spoiledEvent = fc
  .tuple(goodEvent, fc.constantFrom('type', 'schemaVersion', 'eventId', 'letterId', 'ownerId', 'occurredAt', 'correlationId', 'data', 'extra'), fc.jsonValue())
  .map(([event, field, value]) => {
    const spoiled: Record<string, unknown> = { ...event };
    if (field === 'type') spoiled.type = 'LetterBurned';
    else if (field === 'schemaVersion') spoiled.schemaVersion = typeof value === 'number' && value !== 1 && value !== 2 ? value : 3;
    else if (value === null || typeof value === 'object') delete spoiled[field];
    else spoiled[field] = field === 'extra' ? value : [value];
    return JSON.stringify(spoiled);
  });

const badBody = fc.oneof(spoiledEvent, oddString, fc.json(), fc.jsonValue().map((value) => JSON.stringify(value)));

describe.each(CONSUMERS)('$name, given arbitrary SQS records', ({ build }) => {
  // Each invocation prints its metrics; kept off the test output.
  let emf: ReturnType<typeof captureEmf>;
  beforeAll(() => void (emf = captureEmf()));
  afterAll(() => emf.stop());

  it('fails exactly the records that are not letter events and applies all the others (throwing when none is one)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(goodEvent.map((event) => JSON.stringify(event)), badBody), { minLength: 1, maxLength: 10 }), async (bodies) => {
        const projection = recording();
        const event: SQSEvent = { Records: bodies.map((body, index) => sqsRecord(body, index)) };
        const valid = bodies.flatMap((body, index) => {
          try {
            return [{ index, event: parseLetterEvent(body) }];
          } catch {
            return [];
          }
        });

        const invocation = build(projection)(event, context) as Promise<SQSBatchResponse>;
        if (valid.length === 0) {
          await expect(invocation).rejects.toThrow(FullBatchFailureError);
          expect(projection.applied).toEqual([]);
          return;
        }
        const response = await invocation;

        const validIndexes = new Set(valid.map(({ index }) => index));
        expect(response.batchItemFailures).toEqual(
          bodies.flatMap((_, index) => (validIndexes.has(index) ? [] : [{ itemIdentifier: `msg-${index}` }])),
        );
        expect(projection.applied).toEqual(valid.map(({ event: applied }) => applied));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
