import type { TokenRequest } from './token-request.js';

/** The scope of a family account: its own letters. */
export const FAMILY_SCOPE = 'santa/letters';
/** The scope of Santa's elves: every letter and the analytics, read only. */
export const ELF_SCOPE = 'santa/workshop';

/** Asks a running local runtime's POST /local/token for an access token; throws with its answer on anything but 200. */
export const requestToken = async (baseUrl: string, request: TokenRequest): Promise<string> => {
  const response = await fetch(`${baseUrl}/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`POST ${baseUrl}/local/token answered ${response.status}: ${text}`);
  return (JSON.parse(text) as { access_token: string }).access_token;
};

/** The Authorization header for a token. */
export const bearer = (token: string): { authorization: string } => ({ authorization: `Bearer ${token}` });

/** A token per family (sub), each with the family scope, from a running local runtime. */
export const familyTokens = async (baseUrl: string, families: readonly string[]): Promise<Record<string, string>> =>
  Object.fromEntries(await Promise.all(families.map(async (sub) => [sub, await requestToken(baseUrl, { sub, scope: FAMILY_SCOPE })] as const)));
