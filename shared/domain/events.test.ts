import { describe, expect, it } from 'vitest';
import { InvalidEventError, LEGACY_OWNER_ID, ownerOf, parseLetterEvent } from './events.js';
import { anEvent, aVersion1Event } from '../testing/letters.js';

describe('parseLetterEvent', () => {
  it('accepts the current version 2, with its owner', () => {
    const event = anEvent('LetterAmended', { ownerId: 'family-9' });

    const parsed = parseLetterEvent(JSON.stringify(event));

    expect(parsed).toEqual(event);
    expect([parsed.schemaVersion, ownerOf(parsed)]).toEqual([2, 'family-9']);
  });

  it('accepts the previous version 1, whose letters belong to the legacy owner', () => {
    const parsed = parseLetterEvent(JSON.stringify(aVersion1Event('LetterWithdrawn')));

    expect([parsed.schemaVersion, ownerOf(parsed)]).toEqual([1, LEGACY_OWNER_ID]);
  });

  it.each([
    ['version 3', { ...anEvent('LetterSubmitted'), schemaVersion: 3 }],
    ['version 2 without ownerId', { ...aVersion1Event('LetterSubmitted'), schemaVersion: 2 }],
    ['version 1 with an ownerId', { ...anEvent('LetterSubmitted'), schemaVersion: 1 }],
    ['an empty ownerId', { ...anEvent('LetterSubmitted'), ownerId: '' }],
  ])('rejects %s, never guessing', (_, event) => {
    expect(() => parseLetterEvent(JSON.stringify(event))).toThrow(InvalidEventError);
  });
});
