import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as v from 'valibot';
import { LEGACY_OWNER_ID } from '../domain/events.js';
import { OwnerId } from '../domain/ids.js';
import { json } from './http.js';

/** A family account: sends, amends, withdraws and reads its own letters. */
export const FAMILY_SCOPE = 'santa/letters';
/** Santa's elves: read any letter, its history and all analytics; never write. */
export const WORKSHOP_SCOPE = 'santa/workshop';

/** Who calls a query: a family reads its own letters only, an elf reads any. */
export type Reader = { kind: 'family'; accountId: string } | { kind: 'workshop' };

// What API Gateway's JWT authorizer (HTTP API, payload 2.0) passes: every claim, and the scopes.
const JwtAuthorizer = v.object({
  jwt: v.object({
    claims: v.object({ sub: v.optional(v.unknown()), scope: v.optional(v.unknown()) }),
    scopes: v.nullish(v.array(v.string())),
  }),
});

const identityOf = (event: Pick<APIGatewayProxyEventV2, 'requestContext'>): { sub?: string; scopes: Set<string> } => {
  const result = v.safeParse(JwtAuthorizer, (event.requestContext as { authorizer?: unknown }).authorizer);
  if (!result.success) return { scopes: new Set() };
  const { claims, scopes } = result.output.jwt;
  const scopeList = scopes ?? (typeof claims.scope === 'string' ? claims.scope.split(' ') : []);
  // The legacy owner is reserved for version 1 letters, which belong to no caller.
  const sub = v.is(OwnerId, claims.sub) && claims.sub !== LEGACY_OWNER_ID ? claims.sub : undefined;
  return { ...(sub === undefined ? {} : { sub }), scopes: new Set(scopeList.filter(Boolean)) };
};

/** The family account a command acts for: the token's `sub`, with the family scope; undefined otherwise. */
export const familyAccountOf = (event: Pick<APIGatewayProxyEventV2, 'requestContext'>): string | undefined => {
  const { sub, scopes } = identityOf(event);
  return sub !== undefined && scopes.has(FAMILY_SCOPE) ? sub : undefined;
};

/** Who reads: an elf (workshop scope) reads any letter, a family (family scope and `sub`) its own; undefined otherwise. */
export const readerOf = (event: Pick<APIGatewayProxyEventV2, 'requestContext'>): Reader | undefined => {
  const { scopes } = identityOf(event);
  if (scopes.has(WORKSHOP_SCOPE)) return { kind: 'workshop' };
  const accountId = familyAccountOf(event);
  return accountId === undefined ? undefined : { kind: 'family', accountId };
};

/**
 * 403 with API Gateway's own body, as its authorizer answers a token without the route's
 * scope: a function that finds no fitting caller answers exactly what the authorizer would.
 */
export const forbidden = (): APIGatewayProxyStructuredResultV2 => json(403, { message: 'Forbidden' });
