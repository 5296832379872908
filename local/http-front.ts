import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { fromApiGatewayResult, matchRoute, toApiGatewayEvent, type HttpResponse } from './api-gateway-event.js';
import type { Authorize } from './identity/jwt-authorizer.js';
import { isLoopbackHost } from './loopback/loopback-host.js';
import type { Route } from './wiring.js';

// API Gateway HTTP APIs reject request bodies over 10 MB before any function runs.
const API_GATEWAY_MAX_BODY = 10 * 1024 * 1024;

/** What the front serves; built once its base URL is known (the local issuer is named after it). */
export interface FrontHandlers {
  /** Route key ("POST /letters") → its function and the scopes a token needs, as in the wiring. */
  routes: Record<string, Route>;
  /** Calls a function with its API Gateway event and answers its result. */
  invoke: (functionName: string, event: APIGatewayProxyEventV2WithJWTAuthorizer) => Promise<unknown>;
  /** The JWT authorizer in front of every route. */
  authorize: Authorize;
  /** Local-only paths ("GET /health", "POST /local/token"): not API routes, no token needed. */
  localRoutes: Record<string, (body: Buffer, headers: IncomingHttpHeaders, url: URL) => Promise<HttpResponse>>;
}

export interface HttpFrontOptions {
  /** 0 picks a free port. */
  port: number;
  handlers: (baseUrl: string) => Promise<FrontHandlers>;
}

export interface HttpFront {
  port: number;
  url: string;
  close(): Promise<void>;
}

const readBody = (request: IncomingMessage): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= API_GATEWAY_MAX_BODY) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > API_GATEWAY_MAX_BODY ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });

// API Gateway names every answer's request in apigw-requestid, its own 401s and 404s included.
const send = (response: ServerResponse, { statusCode, headers, body }: HttpResponse) => {
  response.writeHead(statusCode, { 'apigw-requestid': randomUUID(), ...headers, 'content-length': String(body.length) });
  response.end(body);
};

const jsonResponse = (statusCode: number, document: unknown): HttpResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify(document)),
});

/**
 * An HTTP server that behaves like an API Gateway HTTP API in front of the functions:
 * its routes only (others answer 404 as API Gateway does), a JWT authorizer on every route,
 * payload format 2.0 events carrying the token's claims, its 10 MB body limit, and a 500
 * when a function itself fails. Unlike API Gateway it answers only requests addressed to a
 * loopback name: any other Host is 421, so a page on a rebound DNS name can never reach it.
 */
export const startHttpFront = async ({ port, handlers }: HttpFrontOptions): Promise<HttpFront> => {
  let ready: (value: FrontHandlers) => void = () => {};
  const served = new Promise<FrontHandlers>((resolve) => (ready = resolve));
  const server = createServer(async (request, response) => {
    try {
      send(response, await answer(await served, request));
    } catch {
      send(response, jsonResponse(500, { message: 'Internal Server Error' }));
    }
  });
  const listeningPort = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  const url = `http://127.0.0.1:${listeningPort}`;
  ready(await handlers(url));
  return {
    port: listeningPort,
    url,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};

const answer = async ({ routes, invoke, authorize, localRoutes }: FrontHandlers, request: IncomingMessage): Promise<HttpResponse> => {
  if (!isLoopbackHost(request.headers.host)) return jsonResponse(421, { message: 'Misdirected Request' });
  const body = await readBody(request);
  if (body === undefined) return jsonResponse(413, { message: 'Request Entity Too Large' });
  const method = request.method ?? 'GET';
  const requestUrl = new URL(request.url ?? '/', 'http://localhost');
  const path = requestUrl.pathname;
  const localRoute = localRoutes[`${method} ${path}`];
  if (localRoute) return localRoute(body, request.headers, requestUrl);
  const route = matchRoute(Object.keys(routes), method, path);
  if (!route) return jsonResponse(404, { message: 'Not Found' });
  const { function: functionName, scopes } = routes[route.routeKey]!;
  const authorization = await authorize(request.headers.authorization, scopes);
  if (!authorization.allowed) return authorization.response;
  const event = toApiGatewayEvent(
    { method, url: request.url ?? '/', headers: request.headers, body, sourceIp: request.socket.remoteAddress ?? '127.0.0.1' },
    route,
  );
  const withClaims = { ...event, requestContext: { ...event.requestContext, authorizer: { jwt: authorization.jwt } } };
  const result = fromApiGatewayResult((await invoke(functionName, withClaims as APIGatewayProxyEventV2WithJWTAuthorizer)) as never);
  return { ...result, headers: { ...result.headers, 'apigw-requestid': event.requestContext.requestId } };
};
