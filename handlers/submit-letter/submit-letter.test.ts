import { describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/lambda/logger.js';
import { jsonHttpHandler } from '../../shared/http/middleware.js';
import { tickingIdsAndClock, recordingPublisher } from '../../shared/testing/fakes.js';
import { httpEvent, parsedHttpEvent } from '../../shared/testing/http-event.js';
import { lambdaContext } from '../../shared/testing/lambda-context.js';
import { letterBody } from '../../shared/testing/letter-bodies.js';
import { submitLetter } from './submit-letter.js';

const setUp = () => {
  const { publish, published } = recordingPublisher();
  const handler = submitLetter({ publish, idsAndClock: tickingIdsAndClock() });
  return { handler, published };
};

const bodyOf = (response: unknown) => JSON.parse((response as { body: string }).body);

describe('submitLetter', () => {
  it('answers 202 with the new letter id and publishes LetterSubmitted with the normalised letter', async () => {
    const { handler, published } = setUp();

    const response = await handler(parsedHttpEvent({ body: letterBody(), headers: { 'x-correlation-id': 'corr-1' } }));

    const letterId = '00000000-0000-4000-8000-000000000001';
    expect(response).toEqual({
      statusCode: 202,
      headers: { 'content-type': 'application/json', location: `/letters/${letterId}` },
      body: JSON.stringify({ letterId, status: 'accepted' }),
    });
    expect(published).toEqual([
      {
        eventId: '00000000-0000-4000-8000-000000000002',
        type: 'LetterSubmitted',
        schemaVersion: 1,
        letterId,
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
    const { handler, published } = setUp();

    await handler(parsedHttpEvent({ body: letterBody({ message: undefined }), requestId: 'req-42' }));

    expect(published[0]).toMatchObject({ correlationId: 'req-42', data: { message: null } });
  });

  it('gives the same letter id to retries with the same Idempotency-Key', async () => {
    const { handler, published } = setUp();
    const retry = () => handler(parsedHttpEvent({ body: letterBody(), headers: { 'idempotency-key': 'lotta-letter-1' } }));

    const first = bodyOf(await retry());
    const second = bodyOf(await retry());
    const other = bodyOf(await handler(parsedHttpEvent({ body: letterBody(), headers: { 'idempotency-key': 'lotta-letter-2' } })));

    expect(second.letterId).toBe(first.letterId);
    expect(other.letterId).not.toBe(first.letterId);
    expect(published.map((event) => event.letterId)).toEqual([first.letterId, first.letterId, other.letterId]);
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
    const { handler, published } = setUp();

    const error = await handler(parsedHttpEvent({ body })).catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect((error as { details: { path: string }[] }).details.map((d) => d.path)).toContain(path);
    expect(published).toEqual([]);
  });

  it('answers 400 for a malformed Idempotency-Key and publishes nothing', async () => {
    const { handler, published } = setUp();

    const error = await handler(parsedHttpEvent({ body: letterBody(), headers: { 'idempotency-key': 'ключ' } })).catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(published).toEqual([]);
  });
});

describe('submitLetter through Middy', () => {
  const wrapped = (publish = recordingPublisher()) => ({
    ...publish,
    handler: jsonHttpHandler(createLogger('submit-letter', 'SILENT'), submitLetter({ publish: publish.publish, idsAndClock: tickingIdsAndClock() })),
  });
  const invoke = async (handler: ReturnType<typeof wrapped>['handler'], event: ReturnType<typeof httpEvent>) => {
    const response = (await handler(event, lambdaContext('submit-letter'))) as { statusCode: number; headers: Record<string, string>; body: string };
    return { ...response, json: JSON.parse(response.body) };
  };

  it('answers 202 for a JSON body and echoes the correlation id', async () => {
    const { handler, published } = wrapped();

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
    const { handler, published } = wrapped();

    const response = await invoke(handler, event as ReturnType<typeof httpEvent>);

    expect(response.statusCode).toBe(statusCode);
    expect(response.json).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
    expect(published).toEqual([]);
  });

  it('accepts a base64-encoded JSON body', async () => {
    const { handler, published } = wrapped();
    const body = Buffer.from(JSON.stringify(letterBody())).toString('base64');

    const response = await invoke(handler, httpEvent({ body, isBase64Encoded: true }));

    expect(response.statusCode).toBe(202);
    expect(published).toHaveLength(1);
  });

  it('answers 500 INTERNAL with a generic message when publishing fails', async () => {
    const failing = { publish: async () => Promise.reject(new Error('SNS is down: secret detail')), published: [] };
    const { handler } = wrapped(failing);

    const response = await invoke(handler, httpEvent({ body: letterBody() }));

    expect(response.statusCode).toBe(500);
    expect(response.json.error.code).toBe('INTERNAL');
    expect(response.body).not.toContain('secret detail');
  });
});
