/** The authorizer context a function receives, as API Gateway's JWT authorizer builds it. */
export interface JwtAuthorizerContext {
  /** Every claim of the token, each value rendered as a string. */
  claims: Record<string, string>;
  /** The token's scopes when the route requires scopes, else null. */
  scopes: string[] | null;
}

// API Gateway hands claims over as strings: numbers in plain decimal ("exp": "1735689600"),
// lists as "[a b]" (as Cognito's "cognito:groups" arrives); nested objects have no documented
// rendering, so they stay JSON.
const renderClaim = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(renderClaim).join(' ')}]`;
  return JSON.stringify(value);
};

/** The claims of a verified token as API Gateway puts them in requestContext.authorizer.jwt.claims. */
export const renderClaims = (payload: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, renderClaim(value)]));

/** The scopes a token grants: its space-separated `scope` claim, or `scp` (a list or a string). */
export const scopesOf = (payload: Record<string, unknown>): string[] => {
  const granted = payload.scope ?? payload.scp;
  if (typeof granted === 'string') return granted.split(' ').filter(Boolean);
  if (Array.isArray(granted)) return granted.filter((scope): scope is string => typeof scope === 'string');
  return [];
};
