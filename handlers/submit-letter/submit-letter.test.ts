import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWriteVersion } from '../../shared/domain/write-version.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { jsonHttpHandler } from '../../shared/http/middleware.js';
import { type LetterChange, type LetterEvent } from '../../shared/domain/events.js';
import { anIdempotencyStore, startDynalite, type RunningDynalite } from '../../shared/testing/dynalite.js';
import { commandDependencies, inMemoryLetters, recordingPublisher } from '../../shared/testing/fakes.js';
import { ANOTHER_FAMILY_CALLER, ELF_CALLER, httpEvent, parsedHttpEvent, type HttpEventOptions } from '../../shared/testing/http-event.js';
import { lambdaContext } from '../../shared/testing/lambda-context.js';
import { letterBody } from '../../shared/testing/letter-bodies.js';
import { A_FAMILY, ANOTHER_FAMILY, testLetterIds } from '../../shared/testing/letters.js';
import { amendLetter } from '../amend-letter/amend-letter.js';
import { withdrawLetter } from '../withdraw-letter/withdraw-letter.js';
import { submitLetter } from './submit-letter.js';

let dynamo: RunningDynalite;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo.stop();
});

const context = lambdaContext('submit-letter');
const setUp = async (publisher = recordingPublisher()) => {
  const deps = commandDependencies({ publish: publisher.publish, idempotency: await anIdempotencyStore(dynamo) });
  return { deps, handler: (options: HttpEventOptions) => submitLetter(deps)(parsedHttpEvent(options), context), published: publisher.published };
};

const bodyOf = (response: unknown) => JSON.parse((response as { body: string }).body);
const keyed = (key: string, options: HttpEventOptions = {}): HttpEventOptions => ({ body: letterBody(), ...options, headers: { 'idempotency-key': key, ...options.headers } });

describe('submitLetter', () => {
  it("answers 202 with a new letter id of the caller's account and publishes LetterSubmitted with the normalised letter and its owner", async () => {
    const { handler, published, deps } = await setUp();

    const response = await handler({ body: letterBody(), headers: { 'x-correlation-id': 'corr-1' } });

    const letterId = testLetterIds().fresh(A_FAMILY);
    expect(response).toEqual({
      statusCode: 202,
      headers: { 'content-type': 'application/json', location: `/letters/${letterId}` },
      body: expect.any(String),
    });
    expect(JSON.parse((response as { body: string }).body)).toEqual({ letterId, status: 'accepted', version: expect.any(String) });
    // The version names the event published, so a read can wait for exactly that.
    expect(decodeWriteVersion(bodyOf(response).version)).toEqual({
      type: 'LetterSubmitted',
      letterId,
      occurredAt: '2026-12-01T08:00:00.000Z',
      eventId: '00000000-0000-4000-8000-000000000001',
    });
    expect(deps.letterIds.isOwnedBy(letterId, A_FAMILY)).toBe(true);
    expect(published).toEqual([
      {
        eventId: '00000000-0000-4000-8000-000000000001',
        type: 'LetterSubmitted',
        schemaVersion: 2,
        letterId,
        ownerId: A_FAMILY,
        occurredAt: '2026-12-01T08:00:00.000Z',
        correlationId: 'corr-1',
        data: {
          child: { id: 'lotta-2019', name: 'Lotta', age: 7, country: 'SE' },
          toys: [
            { name: 'Wooden train', quantity: 1 },
            { name: 'Red  bicycle', quantity: 2 },
          ],
          message: 'Dear Santa, I have been very good this year.',
        },
      },
    ]);
  });

  it('uses the request id as correlation id when the caller sends none, and null for a missing message', async () => {
    const { handler, published } = await setUp();

    await handler({ body: letterBody({ message: undefined }), requestId: 'req-42' });

    expect(published[0]).toMatchObject({ correlationId: 'req-42', data: { message: null } });
  });

  it.each([
    ['an elf', ELF_CALLER],
    ['a token without a scope', { sub: A_FAMILY }],
    ['a family token without sub', { scope: 'santa/letters' }],
    ['no authorizer at all', null],
  ])('answers 403 Forbidden, as API Gateway does, for %s and publishes nothing', async (_, caller) => {
    const { handler, published } = await setUp();

    const response = await handler({ body: letterBody(), caller });

    expect(response).toEqual({ statusCode: 403, headers: { 'content-type': 'application/json' }, body: '{"message":"Forbidden"}' });
    expect(published).toEqual([]);
  });

  describe('with an Idempotency-Key', () => {
    it('answers a retry with the same body with the first answer, its version included, and publishes nothing more', async () => {
      const { handler, published } = await setUp();

      const first = await handler(keyed('lotta-letter-1'));
      const retry = await handler(keyed('lotta-letter-1', { headers: { 'x-correlation-id': 'another-attempt' } }));

      expect(retry).toEqual(first);
      expect(published).toHaveLength(1);
      expect((published[0] as LetterChange).letterId).toBe(bodyOf(first).letterId);
      expect(decodeWriteVersion(bodyOf(retry).version)).toMatchObject({ eventId: published[0]!.eventId });
    });

    it('opens idempotency records given as an opener only for keyed requests, and answers a retry from them', async () => {
      const publisher = recordingPublisher();
      const store = await anIdempotencyStore(dynamo);
      let opened = 0;
      const deps = commandDependencies({ publish: publisher.publish, idempotency: async () => (opened++, store) });
      const handler = (options: HttpEventOptions) => submitLetter(deps)(parsedHttpEvent(options), context);

      await handler({ body: letterBody() });
      expect(opened).toBe(0);

      const first = await handler(keyed('lotta-letter-1'));
      const retry = await handler(keyed('lotta-letter-1'));

      expect(opened).toBe(2);
      expect(retry).toEqual(first);
      expect(publisher.published).toHaveLength(2);
    });

    it.each([
      ['another message', letterBody({ message: 'Something else' })],
      ['another child', letterBody({ child: { id: 'emil-2018', name: 'Emil', age: 5, country: 'SE' } })],
    ])('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with %s and publishes nothing more', async (_, body) => {
      const { handler, published } = await setUp();
      await handler(keyed('lotta-letter-1'));

      const error = await handler(keyed('lotta-letter-1', { body })).catch((e: unknown) => e);

      expect(error).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(published).toHaveLength(1);
    });

    it('answers 409 IDEMPOTENCY_KEY_IN_PROGRESS while the first request with the key still runs, then the first answer', async () => {
      let release!: () => void;
      let publishing!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      // The first request publishes only after its record is written, so from here on it is in progress.
      const inProgress = new Promise<void>((resolve) => (publishing = resolve));
      const published: LetterEvent[] = [];
      const { handler } = await setUp({ publish: async (event) => void (publishing(), await held, published.push(event)), published });

      const first = handler(keyed('lotta-letter-1'));
      await inProgress;
      const concurrent = await handler(keyed('lotta-letter-1')).catch((e: unknown) => e);
      release();
      const firstAnswer = await first;
      const later = await handler(keyed('lotta-letter-1'));

      expect(concurrent).toMatchObject({ statusCode: 409, code: 'IDEMPOTENCY_KEY_IN_PROGRESS' });
      expect(later).toEqual(firstAnswer);
      expect(published).toHaveLength(1);
    });

    it('lets the retry of a request whose publish failed publish again', async () => {
      let failures = 1;
      const published: LetterEvent[] = [];
      const { handler } = await setUp({
        publish: async (event) => {
          if (failures-- > 0) throw new Error('SNS is down');
          published.push(event);
        },
        published,
      });

      await expect(handler(keyed('lotta-letter-1'))).rejects.toThrow('SNS is down');
      const retry = await handler(keyed('lotta-letter-1'));

      expect(retry).toMatchObject({ statusCode: 202 });
      expect(published).toHaveLength(1);
    });

    it('scopes the key to the account: the same key from two accounts names two letters, one of each', async () => {
      const { handler, published, deps } = await setUp();

      const mine = bodyOf(await handler(keyed('1')));
      const theirs = bodyOf(await handler(keyed('1', { caller: ANOTHER_FAMILY_CALLER })));

      expect(mine.letterId).not.toBe(theirs.letterId);
      expect([deps.letterIds.isOwnedBy(mine.letterId, A_FAMILY), deps.letterIds.isOwnedBy(theirs.letterId, ANOTHER_FAMILY)]).toEqual([true, true]);
      expect(published.map((event) => [(event as LetterChange).letterId, event.ownerId])).toEqual([
        [mine.letterId, A_FAMILY],
        [theirs.letterId, ANOTHER_FAMILY],
      ]);
    });

    it('names the same letter after the idempotency window, and that late LetterSubmitted undoes neither an amendment nor a withdrawal', async () => {
      const publisher = recordingPublisher();
      const first = await setUp(publisher);
      // A fresh idempotency table stands for the earlier records having expired.
      const lateRetry = async () => bodyOf(await (await setUp(publisher)).handler(keyed('lotta-letter-1'))).letterId;
      const view = inMemoryLetters();
      const route = '/letters/{letterId}';
      const letterId = bodyOf(await first.handler(keyed('lotta-letter-1'))).letterId;

      const amendment = letterBody({ toys: [{ name: 'Kite', quantity: 3 }] });
      await amendLetter(first.deps)(parsedHttpEvent({ method: 'PUT', route, pathParameters: { letterId }, body: amendment }), context);
      const afterAmendment = await lateRetry();
      await view.apply(publisher.published);
      const amended = (await view.get(letterId))?.view;
      await withdrawLetter(first.deps)(httpEvent({ method: 'DELETE', route, pathParameters: { letterId } }), context);
      const afterWithdrawal = await lateRetry();
      await view.apply(publisher.published);

      expect([afterAmendment, afterWithdrawal]).toEqual([letterId, letterId]);
      expect(publisher.published.map((event) => event.type)).toEqual(['LetterSubmitted', 'LetterAmended', 'LetterSubmitted', 'LetterWithdrawn', 'LetterSubmitted']);
      expect(amended).toMatchObject({ status: 'active', toys: [{ name: 'Kite', quantity: 3 }] });
      expect((await view.get(letterId))?.view).toMatchObject({ status: 'withdrawn', toys: [{ name: 'Kite', quantity: 3 }] });
    });
  });

  it.each([
    ['a quantity of 0', letterBody({ toys: [{ name: 'Kite', quantity: 0 }] }), 'toys.0.quantity'],
    ['a fractional quantity', letterBody({ toys: [{ name: 'Kite', quantity: 1.5 }] }), 'toys.0.quantity'],
    ['a quantity of 100', letterBody({ toys: [{ name: 'Kite', quantity: 100 }] }), 'toys.0.quantity'],
    ['no toys', letterBody({ toys: [] }), 'toys'],
    ['51 toys', letterBody({ toys: Array.from({ length: 51 }, (_, i) => ({ name: `toy ${i}`, quantity: 1 })) }), 'toys'],
    ['toy names equal after case and space folding', letterBody({ toys: [{ name: 'Lego  Set', quantity: 1 }, { name: 'lego set', quantity: 2 }] }), 'toys'],
    ['a blank toy name', letterBody({ toys: [{ name: '   ', quantity: 1 }] }), 'toys.0.name'],
    ['a child id with a slash', letterBody({ child: { id: 'a/b', name: 'A', age: 3, country: 'SE' } }), 'child.id'],
    ['an age of 18', letterBody({ child: { id: 'a', name: 'A', age: 18, country: 'SE' } }), 'child.age'],
    ['a three-letter country', letterBody({ child: { id: 'a', name: 'A', age: 3, country: 'SWE' } }), 'child.country'],
    ['a message of 2,001 characters', letterBody({ message: 'x'.repeat(2001) }), 'message'],
    ['an unknown property', letterBody({ reindeer: 'Rudolph' }), 'reindeer'],
    ['an unknown toy property', letterBody({ toys: [{ name: 'Kite', quantity: 1, colour: 'red' }] }), 'toys.0.colour'],
    ['an array instead of an object', [letterBody()], ''],
    ['no body at all', null, ''],
  ])('answers 400 VALIDATION_FAILED for %s and publishes nothing', async (_, body, path) => {
    const { handler, published } = await setUp();

    const error = await handler({ body }).catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect((error as { details: { path: string }[] }).details.map((d) => d.path)).toContain(path);
    expect(published).toEqual([]);
  });

  it('answers 400 for a malformed Idempotency-Key and publishes nothing', async () => {
    const { handler, published } = await setUp();

    const error = await handler(keyed('ключ')).catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(published).toEqual([]);
  });
});

describe('submitLetter through Middy', () => {
  const wrapped = async (publish = recordingPublisher()) => ({
    ...publish,
    handler: jsonHttpHandler(
      createLogger('submit-letter', 'SILENT'),
      submitLetter(commandDependencies({ publish: publish.publish, idempotency: await anIdempotencyStore(dynamo) })),
    ),
  });
  type Wrapped = Awaited<ReturnType<typeof wrapped>>['handler'];
  const invoke = async (handler: Wrapped, event: ReturnType<typeof httpEvent>) => {
    const response = (await handler(event, lambdaContext('submit-letter'))) as { statusCode: number; headers: Record<string, string>; body: string };
    return { ...response, json: JSON.parse(response.body) };
  };

  it('answers 202 for a JSON body and echoes the correlation id', async () => {
    const { handler, published } = await wrapped();

    const response = await invoke(handler, httpEvent({ body: letterBody(), headers: { 'X-Correlation-Id': 'corr-9' } }));

    expect(response.statusCode).toBe(202);
    expect(response.headers['x-correlation-id']).toBe('corr-9');
    expect(published).toHaveLength(1);
  });

  it.each([
    ['415 UNSUPPORTED_MEDIA_TYPE for a text body', httpEvent({ body: 'hello', headers: { 'content-type': 'text/plain' } }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['415 UNSUPPORTED_MEDIA_TYPE for a missing content type', { ...httpEvent({ body: '{}' }), headers: {} }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['400 MALFORMED_JSON for broken JSON', httpEvent({ body: '{"child": ' }), 400, 'MALFORMED_JSON'],
    ['400 MALFORMED_JSON for an empty body', httpEvent({ body: '' }), 400, 'MALFORMED_JSON'],
    ['400 MALFORMED_JSON for a missing body', { ...httpEvent({ body: '{}' }), body: undefined }, 400, 'MALFORMED_JSON'],
    ['400 VALIDATION_FAILED for a __proto__ key', httpEvent({ body: '{"__proto__": {"x": 1}}' }), 400, 'VALIDATION_FAILED'],
    ['413 PAYLOAD_TOO_LARGE above 64 KiB', httpEvent({ body: JSON.stringify({ ...letterBody(), message: 'x'.repeat(70_000) }) }), 413, 'PAYLOAD_TOO_LARGE'],
    ['400 VALIDATION_FAILED for a wrong field', httpEvent({ body: letterBody({ toys: 'many' }) }), 400, 'VALIDATION_FAILED'],
  ])('answers %s, in the contract error shape, and publishes nothing', async (_, event, statusCode, code) => {
    const { handler, published } = await wrapped();

    const response = await invoke(handler, event as ReturnType<typeof httpEvent>);

    expect(response.statusCode).toBe(statusCode);
    expect(response.json).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
    expect(published).toEqual([]);
  });

  it('answers 422 for a reused key in the contract error shape', async () => {
    const { handler } = await wrapped();
    const event = (message: string) => httpEvent({ body: letterBody({ message }), headers: { 'idempotency-key': 'k' } });
    await invoke(handler, event('first'));

    const response = await invoke(handler, event('second'));

    expect(response).toMatchObject({ statusCode: 422, json: { error: { code: 'IDEMPOTENCY_KEY_REUSED', message: expect.any(String) } } });
  });

  it('accepts a base64-encoded JSON body', async () => {
    const { handler, published } = await wrapped();
    const body = Buffer.from(JSON.stringify(letterBody())).toString('base64');

    const response = await invoke(handler, httpEvent({ body, isBase64Encoded: true }));

    expect(response.statusCode).toBe(202);
    expect(published).toHaveLength(1);
  });

  it('answers 500 INTERNAL with a generic message when publishing fails', async () => {
    const failing = { publish: async () => Promise.reject(new Error('SNS is down: secret detail')), published: [] };
    const { handler } = await wrapped(failing);

    const response = await invoke(handler, httpEvent({ body: letterBody() }));

    expect(response.statusCode).toBe(500);
    expect(response.json.error.code).toBe('INTERNAL');
    expect(response.body).not.toContain('secret detail');
  });
});
