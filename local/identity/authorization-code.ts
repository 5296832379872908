import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import * as v from 'valibot';
import type { HttpResponse } from '../api-gateway-event.js';
import { renderSignInPage } from './sign-in-page.js';
import { KNOWN_SCOPES, TokenRequest } from './token-request.js';

/** The console's client id at the local issuer, as its Cognito app client's id is on AWS. */
export const CONSOLE_CLIENT_ID = 'workshop-console';

// Long enough to click through the page, short enough that a stolen code is soon worthless (RFC 6749 §4.1.2: at most 10 minutes).
const CODE_LIFETIME_MS = 60_000;

const LOOPBACK_URL = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?\/[^\s#]*$/u;
const BASE64URL_43_128 = /^[A-Za-z0-9_-]{43,128}$/u;

/** What an authorization request must carry: a code flow with PKCE (S256) back to a loopback page. */
const AuthorizationRequest = v.object({
  response_type: v.literal('code', 'response_type must be code'),
  client_id: v.literal(CONSOLE_CLIENT_ID, `client_id must be ${CONSOLE_CLIENT_ID}`),
  redirect_uri: v.pipe(v.string('redirect_uri is required'), v.regex(LOOPBACK_URL, 'redirect_uri must be an http URL on a loopback host')),
  code_challenge: v.pipe(v.string('code_challenge is required'), v.regex(BASE64URL_43_128, 'code_challenge must be 43-128 base64url characters')),
  code_challenge_method: v.literal('S256', 'code_challenge_method must be S256'),
  state: v.optional(v.pipe(v.string(), v.maxLength(512, 'state is too long'))),
  scope: v.optional(v.string()),
});
type AuthorizationRequest = v.InferOutput<typeof AuthorizationRequest>;

/** The code exchange (RFC 6749 §4.1.3, RFC 7636 §4.5), form-encoded. */
const CodeExchange = v.object({
  grant_type: v.literal('authorization_code'),
  code: v.string(),
  redirect_uri: v.string(),
  client_id: v.string(),
  code_verifier: v.pipe(v.string(), v.regex(/^[A-Za-z0-9._~-]{43,128}$/u)),
});

interface IssuedCode {
  request: AuthorizationRequest;
  sub: string;
  scope: string;
  expiresAt: number;
}

const fields = (params: URLSearchParams): Record<string, string> => Object.fromEntries([...params.keys()].map((key) => [key, params.get(key)!]));

const page = (statusCode: number, html: string): HttpResponse => ({
  statusCode,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY' },
  body: Buffer.from(html),
});

const oauthError = (error: string, description: string): HttpResponse => ({
  statusCode: 400,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: Buffer.from(JSON.stringify({ error, error_description: description })),
});

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/** The authorization code flow with PKCE of the local issuer: /authorize (a one-click page) and the code exchange at /token. */
export const createAuthorizationCodeFlow = ({
  issuer,
  mint,
  now = Date.now,
}: {
  issuer: string;
  mint: (request: TokenRequest) => Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number }>;
  now?: () => number;
}) => {
  const codes = new Map<string, IssuedCode>();
  const forgetExpired = () => {
    for (const [code, issued] of codes) if (issued.expiresAt <= now()) codes.delete(code);
  };

  /** GET /authorize: who to sign in as, with which scopes; a bad request is shown, never redirected (RFC 6749 §4.1.2.1). */
  const showSignIn = async (_body: Buffer, _headers: IncomingHttpHeaders, url?: URL): Promise<HttpResponse> => {
    const parsed = v.safeParse(AuthorizationRequest, fields(url?.searchParams ?? new URLSearchParams()));
    if (!parsed.success) return page(400, renderSignInPage({ error: parsed.issues.map((issue) => issue.message).join('; ') }));
    const requested = (parsed.output.scope ?? '').split(' ').filter((scope) => KNOWN_SCOPES.includes(scope));
    return page(200, renderSignInPage({ request: parsed.output, scopes: KNOWN_SCOPES, requested }));
  };

  /** POST /authorize: the page's form; answers a redirect to the client with a single-use code. */
  const signIn = async (body: Buffer): Promise<HttpResponse> => {
    const form = new URLSearchParams(body.toString('utf8'));
    const parsed = v.safeParse(AuthorizationRequest, fields(form));
    if (!parsed.success) return page(400, renderSignInPage({ error: parsed.issues.map((issue) => issue.message).join('; ') }));
    const grant = v.safeParse(TokenRequest, { sub: form.get('sub') ?? '', scope: form.getAll('scopes').join(' ') });
    if (!grant.success || form.getAll('scopes').length === 0) {
      const problem = form.getAll('scopes').length === 0 ? 'choose at least one scope' : grant.success ? '' : grant.issues.map((issue) => issue.message).join('; ');
      return page(400, renderSignInPage({ request: parsed.output, scopes: KNOWN_SCOPES, requested: form.getAll('scopes'), error: problem }));
    }
    forgetExpired();
    const code = randomBytes(32).toString('base64url');
    codes.set(code, { request: parsed.output, sub: grant.output.sub, scope: grant.output.scope, expiresAt: now() + CODE_LIFETIME_MS });
    const target = new URL(parsed.output.redirect_uri);
    target.searchParams.set('code', code);
    if (parsed.output.state !== undefined) target.searchParams.set('state', parsed.output.state);
    target.searchParams.set('iss', issuer);
    return { statusCode: 302, headers: { location: target.href, 'cache-control': 'no-store' }, body: Buffer.alloc(0) };
  };

  /** POST /token: a code for an access token, once, within its lifetime, with the verifier of its challenge. */
  const exchange = async (body: Buffer): Promise<HttpResponse> => {
    const parsed = v.safeParse(CodeExchange, fields(new URLSearchParams(body.toString('utf8'))));
    if (!parsed.success) return oauthError('invalid_request', 'grant_type=authorization_code, code, redirect_uri, client_id and code_verifier are required');
    const { code, redirect_uri, client_id, code_verifier } = parsed.output;
    const issued = codes.get(code);
    codes.delete(code);
    if (!issued || issued.expiresAt <= now()) return oauthError('invalid_grant', 'the code is unknown, used or expired');
    if (issued.request.client_id !== client_id || issued.request.redirect_uri !== redirect_uri) {
      return oauthError('invalid_grant', 'client_id and redirect_uri must be those of the authorization request');
    }
    if (s256(code_verifier) !== issued.request.code_challenge) return oauthError('invalid_grant', 'code_verifier does not match the code_challenge');
    const token = await mint({ sub: issued.sub, scope: issued.scope });
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      body: Buffer.from(JSON.stringify({ ...token, scope: issued.scope })),
    };
  };

  return {
    /** What the discovery document adds for this flow. */
    metadata: {
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none'],
      authorization_response_iss_parameter_supported: true,
    },
    routes: { 'GET /authorize': showSignIn, 'POST /authorize': signIn, 'POST /token': exchange },
  };
};
