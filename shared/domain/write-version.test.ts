import { describe, expect, it } from 'vitest';
import { aLetterId, anEventId, BASE_TIME } from '../testing/letters.js';
import { decodeWriteVersion, encodeWriteVersion, MAX_VERSION_LENGTH, type WriteVersion } from './write-version.js';

const longestLetter: WriteVersion = { type: 'LetterAmended', letterId: 'L'.repeat(64), occurredAt: '9999-12-31T23:59:59.999Z', eventId: 'ffffffff-ffff-4fff-bfff-ffffffffffff' };
const versions = [
  { type: 'LetterSubmitted', letterId: aLetterId(1), occurredAt: BASE_TIME, eventId: anEventId(1) },
  { type: 'LetterAmended', letterId: aLetterId(2), occurredAt: '2026-12-24T23:59:59.999Z', eventId: anEventId(2) },
  { type: 'LetterWithdrawn', letterId: aLetterId(3), occurredAt: '1970-01-01T00:00:00.000Z', eventId: anEventId(3) },
  { type: 'ChildErased', childId: 'lotta-2019', occurredAt: BASE_TIME, eventId: anEventId(4) },
  { type: 'ChildErased', childId: 'x', occurredAt: BASE_TIME, eventId: anEventId(5) },
  longestLetter,
] satisfies WriteVersion[] as WriteVersion[];

describe('the write version token', () => {
  it.each(versions)('decodes to the version it was encoded from: %j', (version) => {
    expect(decodeWriteVersion(encodeWriteVersion(version))).toEqual(version);
  });

  it('is URL-safe and at most 128 characters, even for the longest ids', () => {
    const tokens = versions.map(encodeWriteVersion);

    expect(tokens.every((token) => /^[A-Za-z0-9_-]+$/u.test(token))).toBe(true);
    expect(Math.max(...tokens.map((token) => token.length))).toBeLessThanOrEqual(MAX_VERSION_LENGTH);
  });

  it('tells events apart that differ only by event id, time or type', () => {
    const base = { type: 'LetterSubmitted', letterId: aLetterId(1), occurredAt: BASE_TIME, eventId: anEventId(1) } as const;
    const variants: WriteVersion[] = [base, { ...base, eventId: anEventId(9) }, { ...base, occurredAt: '2026-12-01T08:00:00.001Z' }, { ...base, type: 'LetterAmended' }];

    expect(new Set(variants.map(encodeWriteVersion)).size).toBe(4);
  });

  it.each([
    ['an empty token', ''],
    ['a token with a character outside base64url', `${encodeWriteVersion(versions[0]!)}=`],
    ['a token of 129 characters', 'A'.repeat(129)],
    ['a header without a subject', Buffer.alloc(24, 1).toString('base64url')],
    ['an unknown format', (() => { const b = Buffer.from(encodeWriteVersion(versions[0]!), 'base64url'); b[0] = 2; return b.toString('base64url'); })()],
    ['an unknown event type', (() => { const b = Buffer.from(encodeWriteVersion(versions[0]!), 'base64url'); b[1] = 9; return b.toString('base64url'); })()],
    ['a letter id that is too short', encodeWriteVersion({ type: 'LetterSubmitted', letterId: 'L'.repeat(64), occurredAt: BASE_TIME, eventId: anEventId(1) }).slice(0, 50)],
    ['a subject outside the id alphabet', Buffer.concat([Buffer.from(encodeWriteVersion(versions[3]!), 'base64url').subarray(0, 24), Buffer.from('lotta/2019')]).toString('base64url')],
    ['a second spelling of the same bytes', `${encodeWriteVersion(versions[4]!).slice(0, -1)}${String.fromCharCode(encodeWriteVersion(versions[4]!).at(-1)!.charCodeAt(0) + 1)}`],
    ['plain text', 'not-a-version'],
  ])('is refused for %s', (_, token) => {
    expect(decodeWriteVersion(token)).toBeUndefined();
  });

  it('refuses an event id that is not a UUID when encoding', () => {
    expect(() => encodeWriteVersion({ type: 'LetterSubmitted', letterId: aLetterId(1), occurredAt: BASE_TIME, eventId: 'event-1' })).toThrow('eventId event-1 is not a UUID');
  });
});
