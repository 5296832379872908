import { setTimeout as sleep } from 'node:timers/promises';
import { bearer } from '../identity/token-client.js';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  json: unknown;
}

/** A tiny JSON client for a running local runtime; `token` goes in every request's Authorization header. */
export const httpClient = (baseUrl: string, token?: string) => {
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? bearer(token) : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
  };
  return {
    request,
    get: (path: string) => request('GET', path),
    post: (path: string, body: unknown, headers?: Record<string, string>) => request('POST', path, body, headers),
    put: (path: string, body: unknown) => request('PUT', path, body),
    delete: (path: string) => request('DELETE', path),
  };
};

/** Polls until check returns a value (not undefined), or fails after timeoutMs. */
export const eventually = async <T>(check: () => Promise<T | undefined>, { timeoutMs = 20_000, intervalMs = 25 } = {}): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await sleep(intervalMs);
  }
};
