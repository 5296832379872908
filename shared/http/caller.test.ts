import { describe, expect, it } from 'vitest';
import { LEGACY_OWNER_ID } from '../domain/events.js';
import { familyAccountOf, forbidden, readerOf } from './caller.js';
import { ELF_CALLER, FAMILY_CALLER, httpEvent, type Caller } from '../testing/http-event.js';

const as = (caller: Caller | null) => httpEvent({ caller });

describe('familyAccountOf', () => {
  it("is the token's sub for a token with the family scope among others", () => {
    expect(familyAccountOf(as({ sub: 'family-1', scope: 'openid santa/letters' }))).toBe('family-1');
  });

  it('reads the scope claim when the authorizer passes no scopes array', () => {
    const event = as(FAMILY_CALLER);
    (event.requestContext as unknown as { authorizer: { jwt: { scopes: null } } }).authorizer.jwt.scopes = null;

    expect(familyAccountOf(event)).toBe('family-1');
  });

  it.each([
    ['an elf', ELF_CALLER],
    ['no sub', { scope: 'santa/letters' }],
    ['an empty sub', { sub: '', scope: 'santa/letters' }],
    ['a sub longer than OpenID Connect allows', { sub: 'x'.repeat(256), scope: 'santa/letters' }],
    ['the legacy owner as sub', { sub: LEGACY_OWNER_ID, scope: 'santa/letters' }],
    ['a scope that only starts like the family scope', { sub: 'family-1', scope: 'santa/letters-admin' }],
    ['no authorizer', null],
  ])('is undefined for %s', (_, caller) => {
    expect(familyAccountOf(as(caller))).toBeUndefined();
  });
});

describe('readerOf', () => {
  it('is an elf for the workshop scope, a family for the family scope, none for neither', () => {
    expect([readerOf(as(ELF_CALLER)), readerOf(as(FAMILY_CALLER)), readerOf(as({ sub: 'x', scope: 'openid' }))]).toEqual([
      { kind: 'workshop' },
      { kind: 'family', accountId: 'family-1' },
      undefined,
    ]);
  });
});

describe('forbidden', () => {
  it("answers API Gateway's own 403 body", () => {
    expect(forbidden()).toEqual({ statusCode: 403, headers: { 'content-type': 'application/json' }, body: '{"message":"Forbidden"}' });
  });
});
