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
