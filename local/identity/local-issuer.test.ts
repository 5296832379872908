import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalIssuer, LOCAL_AUDIENCE, type LocalIssuer } from './local-issuer.js';
import { loadSigningKey } from './signing-key.js';

const ISSUER = 'http://127.0.0.1:3000';
const NOW = Date.parse('2026-12-24T18:00:00Z');
let issuer: LocalIssuer;
let dataDir: string;

const call = async (route: string, body = '', contentType: string | null = 'application/json') => {
  const response = await issuer.routes[route]!(Buffer.from(body), contentType === null ? {} : { 'content-type': contentType }, new URL(`http://127.0.0.1${route.split(' ')[1]}`));
  return { status: response.statusCode, json: JSON.parse(response.body.toString()) as Record<string, unknown> };
};

beforeAll(async () => {
  issuer = createLocalIssuer({ issuer: ISSUER, key: await loadSigningKey(), now: () => NOW });
  dataDir = await mkdtemp(join(tmpdir(), 'workshop-identity-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('the local issuer', () => {
  it('mints an access token for sub and scope, an hour by default', async () => {
    const { status, json } = await call('POST /local/token', '{"sub":"family-1","scope":"santa/letters"}');

    expect(status).toBe(200);
    expect(json).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
    expect(decodeJwt(json.access_token as string)).toMatchObject({
      iss: ISSUER, sub: 'family-1', aud: LOCAL_AUDIENCE, scope: 'santa/letters', iat: NOW / 1000, exp: NOW / 1000 + 3600,
    });
  });

  it('honours expiresIn and grants both scopes at once', async () => {
    const { json } = await call('POST /local/token', '{"sub":"elf-1","scope":"santa/workshop santa/letters","expiresIn":30}');

    expect(json.expires_in).toBe(30);
    expect(decodeJwt(json.access_token as string)).toMatchObject({ scope: 'santa/workshop santa/letters', exp: NOW / 1000 + 30 });
  });

  it.each([
    ['a body that is not JSON', 'sub=family-1', 'MALFORMED_JSON', undefined],
    ['no sub', '{"scope":"santa/letters"}', 'VALIDATION_FAILED', 'sub'],
    ['a sub with a space', '{"sub":"family 1","scope":"santa/letters"}', 'VALIDATION_FAILED', 'sub'],
    ['an unknown scope', '{"sub":"family-1","scope":"santa/everything"}', 'VALIDATION_FAILED', 'scope'],
    ['an empty scope', '{"sub":"family-1","scope":""}', 'VALIDATION_FAILED', 'scope'],
    ['a negative expiresIn', '{"sub":"family-1","scope":"santa/letters","expiresIn":-5}', 'VALIDATION_FAILED', 'expiresIn'],
    ['an expiresIn over a day', '{"sub":"family-1","scope":"santa/letters","expiresIn":86401}', 'VALIDATION_FAILED', 'expiresIn'],
    ['an unknown property', '{"sub":"family-1","scope":"santa/letters","admin":true}', 'VALIDATION_FAILED', 'admin'],
  ])('answers 400 for %s, naming the problem', async (_, body, code, path) => {
    const { status, json } = await call('POST /local/token', body);

    expect(status).toBe(400);
    expect(json).toMatchObject({ error: { code, message: expect.any(String) } });
    if (path) expect(json).toMatchObject({ error: { details: [expect.objectContaining({ path, message: expect.any(String) })] } });
  });

  it.each([
    ['a form, as curl -d and a web page send', 'application/x-www-form-urlencoded'],
    ['text/plain, which a web page sends across origins without asking', 'text/plain'],
    ['no Content-Type', null],
  ])('answers 415 for %s, even with a JSON body, and mints nothing', async (_, contentType) => {
    const { status, json } = await call('POST /local/token', '{"sub":"family-1","scope":"santa/letters"}', contentType);

    expect(status).toBe(415);
    expect(json).toEqual({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.any(String) } });
  });

  it('publishes its discovery document and a JWKS without the private key', async () => {
    const discovery = await call('GET /.well-known/openid-configuration');
    const jwks = await call('GET /.well-known/jwks.json');

    expect(discovery.json).toMatchObject({ issuer: ISSUER, jwks_uri: `${ISSUER}/.well-known/jwks.json`, token_endpoint: `${ISSUER}/token` });
    expect(jwks.json).toEqual({ keys: [{ kty: 'RSA', n: expect.any(String), e: 'AQAB', kid: expect.any(String), alg: 'RS256', use: 'sig' }] });
  });

  it('keeps its signing key in DATA_DIR, so a restart signs with the same key', async () => {
    const first = await loadSigningKey(dataDir);
    const second = await loadSigningKey(dataDir);
    const inMemory = await loadSigningKey();

    expect(second.publicJwk).toEqual(first.publicJwk);
    expect(inMemory.publicJwk.kid).not.toBe(first.publicJwk.kid);
  });
});
