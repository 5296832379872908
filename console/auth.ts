import * as oauth from 'oauth4webapi';
import type { ConsoleConfig } from './config.js';

/** The signed-in user: the access token lives in this object only, never in storage. */
export interface Session {
  accessToken: string;
  subject: string;
  scopes: string[];
  expiresAt: number;
}

// Only the PKCE round trip's verifier and state survive the redirect, in sessionStorage, and
// are removed as soon as the code is exchanged.
const PENDING_KEY = 'workshop-console.pkce';

const redirectUri = () => new URL('./', document.baseURI).href;

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

const discover = async (config: ConsoleConfig): Promise<oauth.AuthorizationServer> => {
  const issuer = new URL(config.issuer);
  const options = isLoopback(issuer) ? { [oauth.allowInsecureRequests]: true } : {};
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, options));
};

const claimsOf = (token: string): Record<string, unknown> => {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(atob(payload.replace(/-/gu, '+').replace(/_/gu, '/'))) as Record<string, unknown>;
};

/** Sends the browser to the issuer's sign-in page (authorization code with PKCE). */
export const signIn = async (config: ConsoleConfig): Promise<void> => {
  const as = await discover(config);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(as.authorization_endpoint!);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scope,
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.href);
};

/** After the redirect back: exchanges the code for a token, then cleans the address bar. Null when there is no code. */
export const completeSignIn = async (config: ConsoleConfig): Promise<Session | null> => {
  const current = new URL(location.href);
  if (!current.searchParams.has('code') && !current.searchParams.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', redirectUri() + location.hash);
  if (!pending) throw new Error('the sign-in was not started here; sign in again');
  const as = await discover(config);
  const client: oauth.Client = { client_id: config.clientId };
  const options = isLoopback(new URL(config.issuer)) ? { [oauth.allowInsecureRequests]: true } : {};
  const parameters = oauth.validateAuthResponse(as, client, current, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), parameters, redirectUri(), pending.verifier, options);
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
  const claims = claimsOf(tokens.access_token);
  return {
    accessToken: tokens.access_token,
    subject: String(claims.username ?? claims.sub ?? ''),
    scopes: String(claims.scope ?? tokens.scope ?? '').split(' ').filter(Boolean),
    expiresAt: Date.now() + (tokens.expires_in ?? 3600) * 1000,
  };
};
