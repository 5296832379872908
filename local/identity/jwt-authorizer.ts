import { createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { HttpResponse } from '../api-gateway-event.js';
import { renderClaims, scopesOf, type JwtAuthorizerContext } from './claims.js';

/** What the authorizer trusts: one issuer, its key set, and the audiences (aud or client_id) it accepts. */
export interface JwtAuthorizerConfig {
  issuer: string;
  audiences: string[];
  jwks: JSONWebKeySet;
  now?: () => Date;
}

/** The authorizer's verdict: the context to pass on, or API Gateway's own 401 or 403. */
export type Authorization = { allowed: true; jwt: JwtAuthorizerContext } | { allowed: false; response: HttpResponse };

/** Checks the Authorization header of a request to a route that needs one of `scopes`. */
export type Authorize = (authorization: string | undefined, scopes: readonly string[]) => Promise<Authorization>;

// API Gateway's JWT authorizers verify RSA signatures only.
const ALGORITHMS = ['RS256', 'RS384', 'RS512'];

class TokenRejected extends Error {}

const apiGatewayAnswer = (statusCode: 401 | 403, headers: Record<string, string> = {}): HttpResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: Buffer.from(JSON.stringify({ message: statusCode === 401 ? 'Unauthorized' : 'Forbidden' })),
});

// The challenge in the layout AWS documents for a rejected token
// (Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience").
const unauthorized = (scopes: readonly string[], description?: string): Authorization => ({
  allowed: false,
  response: apiGatewayAnswer(401, {
    'www-authenticate': description ? `Bearer scope="${scopes.join(' ')}" error="invalid_token" error_description="${description}"` : 'Bearer',
  }),
});

const reasonFor = (error: unknown): string => {
  if (error instanceof TokenRejected) return error.message;
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'the token does not have a valid issuer';
    if (error.claim === 'nbf') return 'the token is not valid yet';
    return `the token does not have a valid ${error.claim} claim`;
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is invalid';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is not signed with a supported algorithm';
  return 'the token is malformed';
};

const checkHeader = (token: string) => {
  const header = decodeProtectedHeader(token);
  if (typeof header.alg !== 'string' || !ALGORITHMS.includes(header.alg)) throw new TokenRejected('the token is not signed with a supported algorithm');
  if (typeof header.kid !== 'string') throw new TokenRejected('the token has no kid');
};

// aud when the token has one, else client_id (Cognito's access tokens carry only client_id).
const checkAudience = (payload: JWTPayload, audiences: readonly string[]) => {
  const aud = payload.aud === undefined ? [] : [payload.aud].flat();
  const candidates = payload.aud === undefined ? [payload.client_id].filter((id): id is string => typeof id === 'string') : aud;
  if (!candidates.some((candidate) => audiences.includes(candidate))) throw new TokenRejected('the token does not have a valid audience');
};

/**
 * A JWT authorizer that checks what API Gateway's does, in its order: a token in the
 * Authorization header (bare or after "Bearer "), an RSA signature by a key of the JWKS (kid),
 * iss, aud or client_id, exp, nbf and iat against the clock (no leeway; AWS documents none),
 * then the route's scopes. A bad token is 401, a good one without a route scope 403.
 */
export const createJwtAuthorizer = ({ issuer, audiences, jwks, now = () => new Date() }: JwtAuthorizerConfig): Authorize => {
  const keys = createLocalJWKSet(jwks);
  return async (authorization, scopes) => {
    const token = authorization?.replace(/^Bearer\s+/iu, '').trim();
    if (!token) return unauthorized(scopes);
    let payload: JWTPayload;
    try {
      checkHeader(token);
      const currentDate = now();
      ({ payload } = await jwtVerify(token, keys, { issuer, algorithms: ALGORITHMS, currentDate, requiredClaims: ['exp'] }));
      checkAudience(payload, audiences);
      if (typeof payload.iat === 'number' && payload.iat > currentDate.getTime() / 1000) throw new TokenRejected('the token was issued in the future');
    } catch (error) {
      return unauthorized(scopes, reasonFor(error));
    }
    const granted = scopesOf(payload);
    if (scopes.length > 0 && !scopes.some((scope) => granted.includes(scope))) return { allowed: false, response: apiGatewayAnswer(403) };
    return { allowed: true, jwt: { claims: renderClaims(payload), scopes: scopes.length > 0 ? granted : null } };
  };
};
