import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';

/** A request as the local HTTP front read it off the socket. */
export interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  sourceIp: string;
}

export interface MatchedRoute {
  routeKey: string;
  pathParameters: Record<string, string>;
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|x-www-form-urlencoded|javascript)|[^;]*\+json)/iu;

// API Gateway formats requestContext.time as dd/MMM/yyyy:HH:mm:ss +0000.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const clfTime = (date: Date): string => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(
    date.getUTCMinutes(),
  )}:${pad(date.getUTCSeconds())} +0000`;
};

/**
 * Percent-decodes a path or segment; a malformed sequence (%ZZ, a truncated or overlong
 * UTF-8 one) leaves it as sent, so the function's path schema answers the 400, never the front.
 */
export const decodePathLeniently = (raw: string, decode: (text: string) => string = decodeURIComponent): string => {
  try {
    return decode(raw);
  } catch {
    return raw;
  }
};

/** Finds the route a method and path match, the way API Gateway matches {param} segments. */
export const matchRoute = (routeKeys: string[], method: string, path: string): MatchedRoute | undefined => {
  const segments = path.split('/').filter(Boolean);
  for (const routeKey of routeKeys) {
    const [routeMethod, routePath = ''] = routeKey.split(' ');
    if (routeMethod !== method) continue;
    const routeSegments = routePath.split('/').filter(Boolean);
    if (routeSegments.length !== segments.length) continue;
    const pathParameters: Record<string, string> = {};
    const matches = routeSegments.every((segment, i) => {
      const param = /^\{(\w+)\}$/u.exec(segment);
      if (param) {
        pathParameters[param[1]!] = decodePathLeniently(segments[i]!);
        return true;
      }
      return segment === segments[i];
    });
    if (matches) return { routeKey, pathParameters };
  }
  return undefined;
};

/** Turns a local HTTP request into the API Gateway HTTP API payload 2.0 event a function receives. */
export const toApiGatewayEvent = (request: RawRequest, route: MatchedRoute, now = new Date()): APIGatewayProxyEventV2 => {
  const url = new URL(request.url, 'http://localhost');
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (lower === 'cookie') cookies.push(...String(value).split(/;\s*/u).filter(Boolean));
    // API Gateway joins repeated headers with commas.
    else headers[lower] = Array.isArray(value) ? value.join(',') : value;
  }
  const queryStringParameters: Record<string, string> = {};
  for (const key of new Set(url.searchParams.keys())) queryStringParameters[key] = url.searchParams.getAll(key).join(',');
  const hasBody = request.body.length > 0;
  const isText = TEXT_TYPES.test(headers['content-type'] ?? '');
  const method = request.method.toUpperCase();
  const path = decodePathLeniently(url.pathname, decodeURI);
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/u, ''),
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(Object.keys(queryStringParameters).length ? { queryStringParameters } : {}),
    ...(Object.keys(route.pathParameters).length ? { pathParameters: route.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: request.sourceIp, userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: clfTime(now),
      timeEpoch: now.getTime(),
    },
    // Like API Gateway: text bodies arrive as strings, anything else base64-encoded.
    ...(hasBody ? { body: isText ? request.body.toString('utf8') : request.body.toString('base64') } : {}),
    isBase64Encoded: hasBody && !isText,
  };
};

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Maps a function's result back to HTTP the way API Gateway does for payload 2.0. */
export const fromApiGatewayResult = (result: APIGatewayProxyResultV2): HttpResponse => {
  if (typeof result === 'string' || result === null || result === undefined || typeof result !== 'object' || !('statusCode' in result)) {
    // A bare value is treated as a 200 JSON body.
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(result)) };
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  const body = result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  return { statusCode: result.statusCode ?? 200, headers, body };
};
