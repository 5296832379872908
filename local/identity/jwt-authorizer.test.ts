import { generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createJwtAuthorizer, type Authorization, type Authorize } from './jwt-authorizer.js';
import { createLocalIssuer, LOCAL_AUDIENCE, type LocalIssuer } from './local-issuer.js';
import { loadSigningKey } from './signing-key.js';

const ISSUER = 'http://127.0.0.1:3000';
const NOW = Date.parse('2026-12-24T18:00:00Z');
const nowSeconds = NOW / 1000;
const FAMILY_ROUTE = ['santa/letters'];
const SHARED_ROUTE = ['santa/letters', 'santa/workshop'];

let issuer: LocalIssuer;
let authorize: Authorize;

const claims = (overrides: JWTPayload = {}): JWTPayload => ({
  iss: ISSUER, sub: 'family-1', aud: LOCAL_AUDIENCE, scope: 'santa/letters', iat: nowSeconds - 10, exp: nowSeconds + 600, ...overrides,
});
const without = (payload: JWTPayload, name: string): JWTPayload => Object.fromEntries(Object.entries(payload).filter(([key]) => key !== name));
const withoutAud = (payload: JWTPayload) => without(payload, 'aud');

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

const expectUnauthorized = (result: Authorization, description?: string) => {
  expect(result.allowed).toBe(false);
  if (result.allowed) return;
  expect({ ...result.response, body: JSON.parse(result.response.body.toString()) }).toEqual({
    statusCode: 401,
    headers: {
      'content-type': 'application/json',
      'www-authenticate': description ? `Bearer scope="santa/letters" error="invalid_token" error_description="${description}"` : 'Bearer',
    },
    body: { message: 'Unauthorized' },
  });
};

beforeAll(async () => {
  issuer = createLocalIssuer({ issuer: ISSUER, key: await loadSigningKey(), now: () => NOW });
  authorize = createJwtAuthorizer({ issuer: ISSUER, audiences: [LOCAL_AUDIENCE], jwks: issuer.jwks, now: () => new Date(NOW) });
});

describe('createJwtAuthorizer', () => {
  it('passes a good token on with every claim rendered as a string and the token scopes', async () => {
    const { access_token } = await issuer.mint({ sub: 'family-1', scope: 'santa/letters', expiresIn: 60 });

    const result = await authorize(`Bearer ${access_token}`, SHARED_ROUTE);

    expect(result).toEqual({
      allowed: true,
      jwt: {
        claims: {
          iss: ISSUER, sub: 'family-1', aud: LOCAL_AUDIENCE, scope: 'santa/letters', token_use: 'access',
          iat: String(nowSeconds), exp: String(nowSeconds + 60), jti: expect.any(String),
        },
        scopes: ['santa/letters'],
      },
    });
  });

  it('takes a bare token too, as API Gateway does, and renders lists as [a b]', async () => {
    const token = await issuer.sign(claims({ 'cognito:groups': ['elves', 'reindeer'], scope: 'santa/workshop santa/letters' }));

    const result = await authorize(token, FAMILY_ROUTE);

    expect(result).toMatchObject({ allowed: true, jwt: { claims: { 'cognito:groups': '[elves reindeer]' }, scopes: ['santa/workshop', 'santa/letters'] } });
  });

  it('accepts client_id in place of a missing aud, and scopes from scp', async () => {
    const token = await issuer.sign({ ...without(withoutAud(claims()), 'scope'), client_id: LOCAL_AUDIENCE, scp: ['santa/letters'] });

    expect(await authorize(`Bearer ${token}`, FAMILY_ROUTE)).toMatchObject({ allowed: true, jwt: { scopes: ['santa/letters'] } });
  });

  it('answers 401 with a bare challenge when there is no token', async () => {
    expectUnauthorized(await authorize(undefined, FAMILY_ROUTE));
    expectUnauthorized(await authorize('Bearer ', FAMILY_ROUTE));
  });

  it.each([
    ['an expired token', claims({ exp: nowSeconds - 1 }), 'the token has expired'],
    ['a token not valid yet', claims({ nbf: nowSeconds + 60 }), 'the token is not valid yet'],
    ['a token issued in the future', claims({ iat: nowSeconds + 60 }), 'the token was issued in the future'],
    ['a token without exp', without(claims(), 'exp'), 'the token does not have a valid exp claim'],
    ['another issuer', claims({ iss: 'https://evil.example' }), 'the token does not have a valid issuer'],
    ['another audience', claims({ aud: 'someone-else' }), 'the token does not have a valid audience'],
    ['a wrong client_id and no aud', { ...withoutAud(claims()), client_id: 'someone-else' }, 'the token does not have a valid audience'],
    ['aud wrong though client_id is right (aud wins)', claims({ aud: 'someone-else', client_id: LOCAL_AUDIENCE }), 'the token does not have a valid audience'],
  ])('answers 401 for %s', async (_, payload, description) => {
    expectUnauthorized(await authorize(`Bearer ${await issuer.sign(payload)}`, FAMILY_ROUTE), description);
  });

  it('answers 401 for a token signed by another key under the same kid', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid: issuer.jwks.keys[0]!.kid! }).sign(privateKey);

    expectUnauthorized(await authorize(`Bearer ${forged}`, FAMILY_ROUTE), 'the token signature is invalid');
  });

  it('answers 401 for alg none, for HS256 and for a token without a kid', async () => {
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT', kid: issuer.jwks.keys[0]!.kid })}.${base64url(claims())}.`;
    const hmac = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: issuer.jwks.keys[0]!.kid! }).sign(new Uint8Array(32));
    const good = (await issuer.sign(claims())).split('.');
    const noKid = `${base64url({ alg: 'RS256', typ: 'JWT' })}.${good[1]}.${good[2]}`;

    expectUnauthorized(await authorize(`Bearer ${unsigned}`, FAMILY_ROUTE), 'the token is not signed with a supported algorithm');
    expectUnauthorized(await authorize(`Bearer ${hmac}`, FAMILY_ROUTE), 'the token is not signed with a supported algorithm');
    expectUnauthorized(await authorize(`Bearer ${noKid}`, FAMILY_ROUTE), 'the token has no kid');
    expectUnauthorized(await authorize('Bearer not-a-jwt', FAMILY_ROUTE), 'the token is malformed');
  });

  it('answers 403 Forbidden for a good token without any of the route scopes', async () => {
    const elf = await issuer.sign(claims({ scope: 'santa/workshop' }));

    const result = await authorize(`Bearer ${elf}`, FAMILY_ROUTE);

    expect(result.allowed).toBe(false);
    if (result.allowed) return;
    expect(result.response.statusCode).toBe(403);
    expect(JSON.parse(result.response.body.toString())).toEqual({ message: 'Forbidden' });
  });
});
