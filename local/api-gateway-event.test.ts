import { describe, expect, it } from 'vitest';
import { fromApiGatewayResult, matchRoute, toApiGatewayEvent } from './api-gateway-event.js';

const routes = ['POST /letters', 'GET /letters/{letterId}', 'GET /letters/{letterId}/history', 'GET /children/{childId}/letters'];

describe('matchRoute', () => {
  it('matches literal and {param} segments, decoding parameters', () => {
    expect(matchRoute(routes, 'GET', '/letters/abc')).toEqual({ routeKey: 'GET /letters/{letterId}', pathParameters: { letterId: 'abc' } });
    expect(matchRoute(routes, 'GET', '/children/lotta%2D2019/letters')).toEqual({
      routeKey: 'GET /children/{childId}/letters',
      pathParameters: { childId: 'lotta-2019' },
    });
  });

  it('passes a malformed percent-encoding through as sent, for the function to reject', () => {
    expect(matchRoute(routes, 'GET', '/letters/%ZZ')).toEqual({ routeKey: 'GET /letters/{letterId}', pathParameters: { letterId: '%ZZ' } });
    expect(matchRoute(routes, 'GET', '/letters/%E0%A4%A')).toEqual({ routeKey: 'GET /letters/{letterId}', pathParameters: { letterId: '%E0%A4%A' } });
    expect(matchRoute(routes, 'GET', '/children/%C0%80/letters')).toEqual({
      routeKey: 'GET /children/{childId}/letters',
      pathParameters: { childId: '%C0%80' },
    });
  });

  it('matches nothing for another method, a longer path or an unknown one', () => {
    expect(matchRoute(routes, 'DELETE', '/letters')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/letters/abc/history/more')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/reindeer')).toBeUndefined();
  });
});

describe('toApiGatewayEvent', () => {
  const request = (overrides: Partial<Parameters<typeof toApiGatewayEvent>[0]> = {}) => ({
    method: 'post',
    url: '/letters?tag=a&tag=b&limit=5',
    headers: { 'Content-Type': 'application/json', cookie: 'a=1; b=2', 'X-Multi': ['x', 'y'] },
    body: Buffer.from('{"child":{}}'),
    sourceIp: '127.0.0.1',
    ...overrides,
  });

  it('shapes a request as API Gateway payload format 2.0', () => {
    const event = toApiGatewayEvent(request(), { routeKey: 'POST /letters', pathParameters: {} }, new Date('2026-12-24T18:30:05.000Z'));

    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /letters',
      rawPath: '/letters',
      rawQueryString: 'tag=a&tag=b&limit=5',
      cookies: ['a=1', 'b=2'],
      headers: { 'content-type': 'application/json', 'x-multi': 'x,y' },
      queryStringParameters: { tag: 'a,b', limit: '5' },
      body: '{"child":{}}',
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'POST', path: '/letters', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' },
        routeKey: 'POST /letters',
        stage: '$default',
        time: '24/Dec/2026:18:30:05 +0000',
        timeEpoch: Date.parse('2026-12-24T18:30:05.000Z'),
      },
    });
    expect(event.headers.cookie).toBeUndefined();
    expect(event.pathParameters).toBeUndefined();
  });

  it('keeps a path it cannot decode as sent', () => {
    const event = toApiGatewayEvent(request({ method: 'GET', url: '/letters/%E0%A4%A', body: Buffer.alloc(0) }), {
      routeKey: 'GET /letters/{letterId}',
      pathParameters: { letterId: '%E0%A4%A' },
    });

    expect(event).toMatchObject({ rawPath: '/letters/%E0%A4%A', pathParameters: { letterId: '%E0%A4%A' }, requestContext: { http: { path: '/letters/%E0%A4%A' } } });
  });

  it('base64-encodes a body that is not text, and omits an empty one', () => {
    const binary = toApiGatewayEvent(request({ headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 255]) }), {
      routeKey: 'POST /letters',
      pathParameters: {},
    });
    const empty = toApiGatewayEvent(request({ body: Buffer.alloc(0) }), { routeKey: 'POST /letters', pathParameters: {} });

    expect(binary).toMatchObject({ body: 'AP8=', isBase64Encoded: true });
    expect(empty.body).toBeUndefined();
    expect(empty.isBase64Encoded).toBe(false);
  });
});

describe('fromApiGatewayResult', () => {
  it('maps a structured result to status, lower-cased headers and body', () => {
    expect(fromApiGatewayResult({ statusCode: 202, headers: { Location: '/letters/1' }, body: '{}' })).toEqual({
      statusCode: 202,
      headers: { location: '/letters/1' },
      body: Buffer.from('{}'),
    });
  });

  it('treats a bare value as a 200 JSON body, as API Gateway does', () => {
    expect(fromApiGatewayResult({ ok: true } as never)).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{"ok":true}'),
    });
  });
});
