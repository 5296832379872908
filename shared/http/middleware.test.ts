import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../lambda/logger.js';
import { httpEvent } from '../testing/http-event.js';
import { lambdaContext } from '../testing/lambda-context.js';
import { json } from './http.js';
import { MAX_JSON_DEPTH } from './json-body.js';
import { httpHandler, jsonHttpHandler, type JsonHttpEvent } from './middleware.js';

const logger = createLogger('middleware-test', 'SILENT');

/** A JSON handler that echoes the parsed body and records that it ran. */
const echo = () => {
  const seen: unknown[] = [];
  const handler = jsonHttpHandler(logger, async (event: JsonHttpEvent) => {
    seen.push(event.body);
    return json(200, { body: event.body });
  });
  const call = async (options: Parameters<typeof httpEvent>[0]) => {
    const response = (await handler(httpEvent(options), lambdaContext())) as APIGatewayProxyStructuredResultV2;
    return { statusCode: response.statusCode, body: JSON.parse(response.body ?? 'null') as unknown };
  };
  return { call, seen };
};

describe('jsonHttpHandler', () => {
  it.each([
    'application/json',
    'application/json ; charset=utf-8',
    'Application/JSON;Charset="UTF-8"',
    'application/json;\tcharset=utf-8; q=1',
    'application/merge-patch+json',
  ])('parses a body sent as %j', async (contentType) => {
    const { call } = echo();

    expect(await call({ body: '{"a":1}', headers: { 'content-type': contentType } })).toEqual({ statusCode: 200, body: { body: { a: 1 } } });
  });

  it.each(['text/plain', 'application/jsonx', 'application/json; charset=iso-8859-1', 'application/json charset=utf-8', 'application/json;charset', ''])(
    'answers 415 for %j and does not call the function',
    async (contentType) => {
      const { call, seen } = echo();

      expect(await call({ body: '{"a":1}', headers: { 'content-type': contentType } })).toEqual({
        statusCode: 415,
        body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.any(String) } },
      });
      expect(seen).toEqual([]);
    },
  );

  it('answers MALFORMED_JSON for a body that is not JSON, or none', async () => {
    const { call, seen } = echo();

    expect(await call({ body: '{"a":' })).toMatchObject({ statusCode: 400, body: { error: { code: 'MALFORMED_JSON' } } });
    expect(await call({ headers: { 'content-type': 'application/json' } })).toMatchObject({ statusCode: 400, body: { error: { code: 'MALFORMED_JSON' } } });
    expect(seen).toEqual([]);
  });

  it('answers VALIDATION_FAILED naming the path of every __proto__, constructor or prototype key', async () => {
    const { call, seen } = echo();

    expect(await call({ body: '{"child":{"__proto__":{"admin":true}},"toys":[{"name":"x","constructor":{"prototype":{}}}]}' })).toEqual({
      statusCode: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'the request body is not valid',
          details: [
            { path: 'child.__proto__', message: '"__proto__" is not allowed as a key' },
            { path: 'toys.0.constructor', message: '"constructor" is not allowed as a key' },
            { path: 'toys.0.constructor.prototype', message: '"prototype" is not allowed as a key' },
          ],
        },
      },
    });
    expect(await call({ body: '{"prototype":1}' })).toMatchObject({
      statusCode: 400,
      body: { error: { code: 'VALIDATION_FAILED', details: [{ path: 'prototype' }] } },
    });
    expect(await call({ body: Buffer.from('[{"__proto__":1}]').toString('base64'), isBase64Encoded: true })).toMatchObject({
      statusCode: 400,
      body: { error: { code: 'VALIDATION_FAILED', details: [{ path: '0.__proto__' }] } },
    });
    expect(seen).toEqual([]);
  });

  it('names at most ten forbidden keys, however many the body holds', async () => {
    const { call } = echo();
    const chain = `${'{"__proto__":'.repeat(1_000)}1${'}'.repeat(1_000)}`;

    const answer = (await call({ body: chain })) as { statusCode: number; body: { error: { code: string; details: { path: string }[] } } };

    expect(answer.statusCode).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    expect(answer.body.error.details).toHaveLength(10);
    expect(answer.body.error.details[0]!.path).toBe('__proto__');
  });

  it('answers a deeply nested body without a 5xx', async () => {
    const { call } = echo();
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

    expect((await call({ body: nested(MAX_JSON_DEPTH) })).statusCode).toBe(200);
    expect(await call({ body: nested(MAX_JSON_DEPTH + 1) })).toMatchObject({ statusCode: 400, body: { error: { code: 'MALFORMED_JSON' } } });
    expect(await call({ body: nested(32_000) })).toMatchObject({ statusCode: 400, body: { error: { code: 'MALFORMED_JSON' } } });
  });

  it('answers MALFORMED_JSON for a body too deep to inspect, whatever keys it holds', async () => {
    const { call, seen } = echo();
    const chain = `${'{"__proto__":'.repeat(MAX_JSON_DEPTH + 1)}1${'}'.repeat(MAX_JSON_DEPTH + 1)}`;

    expect(await call({ body: chain })).toMatchObject({ statusCode: 400, body: { error: { code: 'MALFORMED_JSON' } } });
    expect(seen).toEqual([]);
  });
});

describe('httpHandler', () => {
  it("answers 500 for the function's own error even when it carries a 4xx statusCode: only the parser's errors are translated", async () => {
    const handler = httpHandler(logger, async () => {
      throw Object.assign(new Error('conditional check failed'), { statusCode: 400 });
    });

    const response = (await handler(httpEvent({ method: 'GET', route: '/letters' }), lambdaContext())) as APIGatewayProxyStructuredResultV2;

    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body!)).toEqual({ error: { code: 'INTERNAL', message: expect.any(String) } });
  });
});
