import createClient, { type Client } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths };

/** A typed client of the HTTP API: paths, parameters, bodies and answers from docs/openapi.json. */
export type SantaClient = Client<paths>;

/** Schemas by their component name: ApiSchema<'Letter'>, ApiSchema<'LetterView'>, … */
export type ApiSchema<Name extends keyof components['schemas']> = components['schemas'][Name];

export interface SantaClientOptions {
  /** Where the API is: http://localhost:3000 for make dev, or the Terraform output api_url. */
  baseUrl: string;
  /** An access token, sent as Authorization: Bearer <token> on every request. */
  token?: string;
  /** Another fetch (tests, retries, tracing); the global one otherwise. */
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * Creates the typed client: `await client.POST('/letters', { body })` answers
 * `{ data, error, response }`, with data and error typed per status.
 */
export const createSantaClient = ({ baseUrl, token, fetch }: SantaClientOptions): SantaClient =>
  createClient<paths>({
    baseUrl,
    ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    ...(fetch ? { fetch } : {}),
  });

/** The header parameters of a read that must include a command's effect (GET a letter, its history, a child's letters). */
export interface MinVersionHeaders {
  'Min-Version': string;
  Prefer: string;
}

export interface ReadYourWriteOptions {
  /** Seconds each request may wait for the version (Prefer: wait; the API allows at most 10). Default 2. */
  waitSeconds?: number;
  /** Requests after a 412 NOT_YET_PROJECTED, each after its Retry-After. Default 2. */
  retries?: number;
  /** How to pause before a retry (tests pass their own). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Reads your own write: calls `read` with the Min-Version and Prefer headers for `version`
 * (a command's 202 `version`), so the answer includes that command's effect; after a 412
 * (the read side is behind by more than the wait) asks again after Retry-After, `retries` times.
 *
 * ```ts
 * const { data: sent } = await client.POST('/letters', { body: letter });
 * const { data: read } = await readYourWrite(sent!.version, (header) =>
 *   client.GET('/letters/{letterId}', { params: { path: { letterId: sent!.letterId }, header } }));
 * ```
 */
export const readYourWrite = async <R extends { response: Response }>(
  version: string,
  read: (header: MinVersionHeaders) => Promise<R>,
  { waitSeconds = 2, retries = 2, sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)) }: ReadYourWriteOptions = {},
): Promise<R> => {
  for (let attempt = 0; ; attempt += 1) {
    const result = await read({ 'Min-Version': version, Prefer: `wait=${waitSeconds}` });
    if (result.response.status !== 412 || attempt >= retries) return result;
    await sleep(Number(result.response.headers.get('retry-after') ?? '1') * 1000);
  }
};
