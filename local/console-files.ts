import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HttpResponse } from './api-gateway-event.js';

const CONTENT_TYPES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

// As CloudFront's response headers policy sets them on AWS: everything from this origin only.
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

const file = (body: Buffer, contentType: string): HttpResponse => ({
  statusCode: 200,
  headers: { 'content-type': contentType, 'cache-control': 'no-cache', ...SECURITY_HEADERS },
  body,
});

/**
 * The workshop console at /console/: the files `make build` bundled into dir, and its
 * config.json (where the API and the issuer are: here, this very origin).
 */
export const consoleRoutes = async ({ dir, baseUrl, clientId }: { dir: string; baseUrl: string; clientId: string }) => {
  const missing = async (): Promise<HttpResponse> => ({
    statusCode: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: Buffer.from(`The console is not built: run make build (it bundles console/ into ${dir}).\n`),
  });
  const served = async (name: string) => {
    const body = await readFile(join(dir, name)).catch(() => undefined);
    return body ? async () => file(body, CONTENT_TYPES[name]!) : missing;
  };
  const config = Buffer.from(
    JSON.stringify({ apiUrl: baseUrl, issuer: baseUrl, clientId, scope: 'santa/workshop santa/operations', origin: baseUrl }),
  );
  const index = await served('index.html');
  return {
    'GET /console': async (): Promise<HttpResponse> => ({ statusCode: 301, headers: { location: '/console/' }, body: Buffer.alloc(0) }),
    'GET /console/': index,
    'GET /console/index.html': index,
    'GET /console/app.js': await served('app.js'),
    'GET /console/app.css': await served('app.css'),
    'GET /console/config.json': async () => file(config, 'application/json'),
  };
};
