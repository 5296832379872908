import { randomUUID } from 'node:crypto';
import { SignJWT, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { IncomingHttpHeaders } from 'node:http';
import { errorResponse, HttpError, json, malformedJson, parseInput, unsupportedMediaType } from '../../shared/http/http.js';
import { isJsonMediaType } from '../../shared/http/media-type.js';
import { fromApiGatewayResult, type HttpResponse } from '../api-gateway-event.js';
import { SIGNING_ALGORITHM, type SigningKey } from './signing-key.js';
import { DEFAULT_EXPIRES_IN, KNOWN_SCOPES, TokenRequest } from './token-request.js';
import { createAuthorizationCodeFlow } from './authorization-code.js';

/** The audience of local tokens, as a Cognito app client's id would be on AWS. */
export const LOCAL_AUDIENCE = 'santas-workshop-local';

/** What POST /local/token answers, as an OAuth token endpoint does. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

/** The development OIDC issuer of local mode: discovery, JWKS and a token endpoint. */
export interface LocalIssuer {
  issuer: string;
  audience: string;
  jwks: JSONWebKeySet;
  /** An access token for sub with these scopes. */
  mint(request: TokenRequest): Promise<TokenResponse>;
  /** Signs any claims with the issuer's key, as they are (for tests of what the authorizer rejects). */
  sign(claims: JWTPayload): Promise<string>;
  /** The paths only local mode serves, none behind the authorizer. */
  routes: Record<string, (body: Buffer, headers: IncomingHttpHeaders, url: URL) => Promise<HttpResponse>>;
}

const TOKEN_PATH = '/local/token';

/** An issuer at `issuer` (the runtime's base URL), signing with key; the clock is a dependency for tests. */
export const createLocalIssuer = ({ issuer, key, now = Date.now }: { issuer: string; key: SigningKey; now?: () => number }): LocalIssuer => {
  const jwks: JSONWebKeySet = { keys: [key.publicJwk] };
  const sign = (claims: JWTPayload) =>
    new SignJWT(claims).setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.publicJwk.kid!, typ: 'JWT' }).sign(key.privateKey);

  const mint = async ({ sub, scope, expiresIn = DEFAULT_EXPIRES_IN }: TokenRequest): Promise<TokenResponse> => {
    const iat = Math.floor(now() / 1000);
    const token = await sign({ iss: issuer, sub, aud: LOCAL_AUDIENCE, scope, iat, exp: iat + expiresIn, jti: randomUUID(), token_use: 'access' });
    return { access_token: token, token_type: 'Bearer', expires_in: expiresIn };
  };

  // JSON only: a web page can send a form or text/plain across origins without a preflight, never JSON.
  const tokenEndpoint = async (body: Buffer, headers: IncomingHttpHeaders): Promise<HttpResponse> => {
    try {
      if (!isJsonMediaType(headers['content-type'])) throw unsupportedMediaType();
      let input: unknown;
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch {
        throw malformedJson();
      }
      return fromApiGatewayResult(json(200, await mint(parseInput(TokenRequest, input, 'token request')), { 'cache-control': 'no-store' }));
    } catch (error) {
      if (error instanceof HttpError) return fromApiGatewayResult(errorResponse(error));
      throw error;
    }
  };

  const document = (value: unknown) => async () => fromApiGatewayResult(json(200, value));
  // The console signs in as any OIDC client does: authorization code with PKCE.
  const codeFlow = createAuthorizationCodeFlow({ issuer, mint, now });
  return {
    issuer,
    audience: LOCAL_AUDIENCE,
    jwks,
    mint,
    sign,
    routes: {
      'GET /.well-known/openid-configuration': document({
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: [SIGNING_ALGORITHM],
        scopes_supported: KNOWN_SCOPES,
        ...codeFlow.metadata,
      }),
      'GET /.well-known/jwks.json': document(jwks),
      [`POST ${TOKEN_PATH}`]: tokenEndpoint,
      ...codeFlow.routes,
    },
  };
};
