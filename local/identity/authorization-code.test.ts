import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_CLIENT_ID } from './authorization-code.js';
import { createLocalIssuer, type LocalIssuer } from './local-issuer.js';
import { loadSigningKey } from './signing-key.js';

const ISSUER = 'http://127.0.0.1:3000';
const REDIRECT = `${ISSUER}/console/`;
const VERIFIER = 'a-verifier-of-the-console-that-is-long-enough-0123456789';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');
let clock = Date.parse('2026-12-24T18:00:00Z');
let issuer: LocalIssuer;

const request = { response_type: 'code', client_id: CONSOLE_CLIENT_ID, redirect_uri: REDIRECT, code_challenge: CHALLENGE, code_challenge_method: 'S256', state: 'st-1', scope: 'santa/workshop santa/operations' };

const call = (route: string, body = '', url = `${ISSUER}/`) => issuer.routes[route]!(Buffer.from(body), {}, new URL(url));

const signIn = async (overrides: Record<string, string> = {}, scopes = ['santa/workshop', 'santa/operations']) => {
  const form = new URLSearchParams({ ...request, ...overrides, sub: 'elf-1' });
  for (const scope of scopes) form.append('scopes', scope);
  return call('POST /authorize', form.toString());
};

const codeOf = async () => new URL((await signIn()).headers.location!).searchParams.get('code')!;

const exchange = (code: string, overrides: Record<string, string> = {}) =>
  call('POST /token', new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: CONSOLE_CLIENT_ID, code_verifier: VERIFIER, ...overrides }).toString());

const json = (response: { body: Buffer }) => JSON.parse(response.body.toString()) as Record<string, unknown>;

beforeAll(async () => {
  issuer = createLocalIssuer({ issuer: ISSUER, key: await loadSigningKey(), now: () => clock });
});

describe('the local issuer, authorization code with PKCE', () => {
  it('shows a page to pick who and which scopes, the requested ones ticked', async () => {
    const page = await call('GET /authorize', '', `${ISSUER}/authorize?${new URLSearchParams(request)}`);

    expect(page.statusCode).toBe(200);
    const html = page.body.toString();
    expect(html).toContain('<label for="sub">Sign in as</label>');
    expect(html).toMatch(/value="santa\/operations" checked/u);
    expect(html).toMatch(/value="santa\/letters">/u);
  });

  it('redirects back with a code and the state, and exchanges the code once for a token with the chosen scopes', async () => {
    const redirect = await signIn();
    const location = new URL(redirect.headers.location!);

    expect(redirect.statusCode).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('st-1');
    expect(location.searchParams.get('iss')).toBe(ISSUER);

    const token = await exchange(location.searchParams.get('code')!);
    expect(token.statusCode).toBe(200);
    expect(decodeJwt(json(token).access_token as string)).toMatchObject({ iss: ISSUER, sub: 'elf-1', scope: 'santa/workshop santa/operations' });

    const again = await exchange(location.searchParams.get('code')!);
    expect([again.statusCode, json(again).error]).toEqual([400, 'invalid_grant']);
  });

  it.each([
    ['a wrong verifier', { code_verifier: 'another-verifier-of-the-console-that-is-long-enough-01234' }],
    ['another redirect_uri', { redirect_uri: `${ISSUER}/elsewhere/` }],
    ['another client', { client_id: 'someone-else' }],
  ])('refuses the exchange with %s, and the code is spent', async (_, overrides) => {
    const code = await codeOf();

    const refused = await exchange(code, overrides);

    expect([refused.statusCode, json(refused).error]).toEqual([400, 'invalid_grant']);
    expect((await exchange(code)).statusCode).toBe(400);
  });

  it('refuses a code older than a minute', async () => {
    const code = await codeOf();
    clock += 61_000;

    expect(json(await exchange(code)).error).toBe('invalid_grant');
  });

  it.each([
    ['no PKCE', { code_challenge_method: 'plain' }],
    ['a redirect off this machine', { redirect_uri: 'https://evil.example/console/' }],
    ['an unknown client', { client_id: 'someone-else' }],
  ])('answers 400 for an authorization request with %s, and redirects nowhere', async (_, overrides) => {
    const page = await call('GET /authorize', '', `${ISSUER}/authorize?${new URLSearchParams({ ...request, ...overrides })}`);
    const posted = await signIn(overrides);

    expect([page.statusCode, posted.statusCode]).toEqual([400, 400]);
    expect(posted.headers.location).toBeUndefined();
  });

  it('answers 400 when no scope is chosen', async () => {
    const posted = await signIn({}, []);

    expect(posted.statusCode).toBe(400);
    expect(posted.body.toString()).toContain('choose at least one scope');
  });

  it('advertises the flow in its discovery document', async () => {
    const discovery = json(await call('GET /.well-known/openid-configuration'));

    expect(discovery).toMatchObject({
      authorization_endpoint: `${ISSUER}/authorize`,
      token_endpoint: `${ISSUER}/token`,
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code'],
    });
    expect(discovery.scopes_supported).toEqual(['santa/letters', 'santa/operations', 'santa/workshop']);
  });
});
