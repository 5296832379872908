import { createSantaClient, type SantaClient } from '../../openapi/client.js';

export interface ApiClients {
  /** The typed client (openapi-fetch over docs/openapi.json), for every request the API describes. */
  typed: SantaClient;
  /** The same API without types, for requests no typed client would send (bad encodings, raw bodies). */
  raw: (method: string, path: string, options?: { body?: string; headers?: Record<string, string> }) => Promise<{ status: number; json: unknown }>;
}

/** Both ways of calling a running API, sharing one base URL and one optional bearer token. */
export const apiClients = (baseUrl: string, token?: string): ApiClients => {
  const authorization: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return {
    typed: createSantaClient({ baseUrl, ...(token ? { token } : {}) }),
    raw: async (method, path, { body, headers = {} } = {}) => {
      const response = await fetch(`${baseUrl}${path}`, { method, headers: { ...authorization, ...headers }, ...(body !== undefined ? { body } : {}) });
      const text = await response.text();
      return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
    },
  };
};
