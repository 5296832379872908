import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { JsonHttpEvent } from '../http/middleware.js';

export interface HttpEventOptions {
  method?: string;
  /** Route key path with {params}, e.g. /letters/{letterId}; rawPath is derived from it. */
  route?: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as it is. */
  body?: unknown;
  isBase64Encoded?: boolean;
  requestId?: string;
}

const fillPath = (route: string, params: Record<string, string>): string =>
  route.replace(/\{(\w+)\}/gu, (_, name: string) => encodeURIComponent(params[name] ?? ''));

/** An API Gateway HTTP API (payload format 2.0) event, as a function receives it. */
export const httpEvent = (options: HttpEventOptions = {}): APIGatewayProxyEventV2 => {
  const method = options.method ?? 'POST';
  const route = options.route ?? '/letters';
  const pathParameters = options.pathParameters ?? {};
  const rawPath = fillPath(route, pathParameters);
  const query = options.query;
  const rawQueryString = query ? new URLSearchParams(query).toString() : '';
  const hasBody = options.body !== undefined;
  const body = typeof options.body === 'string' || !hasBody ? (options.body as string | undefined) : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    host: 'api.example.com',
    'user-agent': 'vitest',
    ...(hasBody ? { 'content-type': 'application/json' } : {}),
    ...Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
  const requestId = options.requestId ?? 'req-0001';
  return {
    version: '2.0',
    routeKey: `${method} ${route}`,
    rawPath,
    rawQueryString,
    headers,
    ...(query ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'api1234567',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId,
      routeKey: `${method} ${route}`,
      stage: '$default',
      time: '27/Nov/2026:12:00:00 +0000',
      timeEpoch: Date.UTC(2026, 10, 27, 12),
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: options.isBase64Encoded ?? false,
  };
};

/** The same event as a handler sees it after the JSON body parser (body already parsed). */
export const parsedHttpEvent = (options: HttpEventOptions = {}): JsonHttpEvent => ({
  ...httpEvent({ ...options, body: undefined, headers: { 'content-type': 'application/json', ...options.headers } }),
  body: options.body,
});
