import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { fromApiGatewayResult, matchRoute, toApiGatewayEvent, type HttpResponse } from './api-gateway-event.js';

// API Gateway HTTP APIs reject request bodies over 10 MB before any function runs.
const API_GATEWAY_MAX_BODY = 10 * 1024 * 1024;

export interface HttpFrontOptions {
  /** 0 picks a free port. */
  port: number;
  /** Route key ("POST /letters") → function name, as in the wiring. */
  routes: Record<string, string>;
  /** Calls a function with its API Gateway event and answers its result. */
  invoke: (functionName: string, event: APIGatewayProxyEventV2) => Promise<unknown>;
  /** Local-only GET paths (not API routes), each answering a JSON document. */
  localEndpoints: Record<string, () => Promise<unknown>>;
}

export interface HttpFront {
  port: number;
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

const send = (response: ServerResponse, { statusCode, headers, body }: HttpResponse) => {
  response.writeHead(statusCode, { ...headers, 'content-length': String(body.length) });
  response.end(body);
};

const jsonResponse = (statusCode: number, document: unknown): HttpResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify(document)),
});

/**
 * An HTTP server that behaves like an API Gateway HTTP API in front of the functions:
 * its routes only (others answer 404 as API Gateway does), payload format 2.0 events,
 * its 10 MB body limit, and a 500 when a function itself fails.
 */
export const startHttpFront = async ({ port, routes, invoke, localEndpoints }: HttpFrontOptions): Promise<HttpFront> => {
  const routeKeys = Object.keys(routes);
  const server = createServer(async (request, response) => {
    try {
      const body = await readBody(request);
      if (body === undefined) return send(response, jsonResponse(413, { message: 'Request Entity Too Large' }));
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const localEndpoint = request.method === 'GET' ? localEndpoints[path] : undefined;
      if (localEndpoint) return send(response, jsonResponse(200, await localEndpoint()));
      const route = matchRoute(routeKeys, request.method ?? 'GET', path);
      if (!route) return send(response, jsonResponse(404, { message: 'Not Found' }));
      const event = toApiGatewayEvent(
        { method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body, sourceIp: request.socket.remoteAddress ?? '127.0.0.1' },
        route,
      );
      send(response, fromApiGatewayResult((await invoke(routes[route.routeKey]!, event)) as never));
    } catch {
      send(response, jsonResponse(500, { message: 'Internal Server Error' }));
    }
  });
  const listeningPort = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  return {
    port: listeningPort,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};
