import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { JsonHttpEvent } from '../http/middleware.js';
import { A_FAMILY, ANOTHER_FAMILY } from './letters.js';

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
  /**
   * The token's identity as API Gateway's JWT authorizer passes it: `sub` and the
   * space-separated `scope`. A family (FAMILY_CALLER) unless given; null for no authorizer at all.
   */
  caller?: Caller | null;
}

/** A token's identity: the claims handlers read. */
export interface Caller {
  sub?: string;
  scope?: string;
}

/** A family account's token (A_FAMILY, scope santa/letters). */
export const FAMILY_CALLER: Caller = { sub: A_FAMILY, scope: 'santa/letters' };
/** Another family account's token. */
export const ANOTHER_FAMILY_CALLER: Caller = { sub: ANOTHER_FAMILY, scope: 'santa/letters' };
/** An elf's token (scope santa/workshop). */
export const ELF_CALLER: Caller = { sub: 'elf-1', scope: 'santa/workshop' };

/** requestContext.authorizer as API Gateway's JWT authorizer (HTTP API, payload 2.0) fills it. */
const authorizerOf = ({ sub, scope }: Caller) => ({
  jwt: {
    claims: {
      iss: 'https://issuer.example.com',
      aud: 'santas-workshop',
      iat: '1796112000',
      exp: '1796115600',
      ...(sub === undefined ? {} : { sub }),
      ...(scope === undefined ? {} : { scope }),
    },
    scopes: scope === undefined ? null : scope.split(' '),
  },
});

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
  const caller = options.caller === undefined ? FAMILY_CALLER : options.caller;
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
      ...(caller ? { authorizer: authorizerOf(caller) } : {}),
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
