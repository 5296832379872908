import { describe, expect, it } from 'vitest';
import { ACCEPTED_SCHEMA_VERSIONS, InvalidEventError, LEGACY_OWNER_ID, parseLetterEvent } from './events.js';
import { aLetterId, anErasure, anEvent, aVersion1Event } from '../testing/letters.js';

describe('parseLetterEvent', () => {
  it('accepts the current version 2, with its owner', () => {
    const event = anEvent('LetterAmended', { ownerId: 'family-9' });

    const parsed = parseLetterEvent(JSON.stringify(event));

    expect(parsed).toEqual(event);
    expect([parsed.schemaVersion, parsed.ownerId]).toEqual([2, 'family-9']);
  });

  it('upcasts the previous version 1 to version 2: the same event, of the legacy owner', () => {
    const version1 = aVersion1Event('LetterAmended');

    const parsed = parseLetterEvent(JSON.stringify(version1));

    expect(parsed).toEqual({ ...version1, schemaVersion: 2, ownerId: LEGACY_OWNER_ID });
  });

  it('accepts versions 1 and 2 and no other', () => {
    expect(ACCEPTED_SCHEMA_VERSIONS).toEqual([1, 2]);
  });

  it.each([
    ['version 3', { ...anEvent('LetterSubmitted'), schemaVersion: 3 }],
    ['version 0', { ...aVersion1Event('LetterSubmitted'), schemaVersion: 0 }],
    ['a version given as a string', { ...anEvent('LetterSubmitted'), schemaVersion: '2' }],
    ['no version', (({ schemaVersion: _, ...rest }) => rest)(anEvent('LetterSubmitted'))],
    ['version 2 without ownerId', { ...aVersion1Event('LetterSubmitted'), schemaVersion: 2 }],
    ['version 1 with an ownerId', { ...anEvent('LetterSubmitted'), schemaVersion: 1 }],
    ['version 1 with the legacy ownerId spelled out', { ...aVersion1Event('LetterSubmitted'), ownerId: LEGACY_OWNER_ID }],
    ['version 1 with a bad letter', { ...aVersion1Event('LetterSubmitted'), data: { toys: [] } }],
    ['an empty ownerId', { ...anEvent('LetterSubmitted'), ownerId: '' }],
  ])('rejects %s, never guessing', (_, event) => {
    expect(() => parseLetterEvent(JSON.stringify(event))).toThrow(InvalidEventError);
  });

  it('accepts a ChildErased of version 2, which names an account and a child id and no letter', () => {
    const erasure = anErasure({ ownerId: 'family-9', childId: 'kid-1' });

    const parsed = parseLetterEvent(JSON.stringify(erasure));

    expect(parsed).toEqual({ ...erasure, type: 'ChildErased', ownerId: 'family-9', data: { childId: 'kid-1' } });
    expect(parsed).not.toHaveProperty('letterId');
  });

  it.each([
    ['a letterId', { ...anErasure(), letterId: aLetterId(1) }],
    ['a child name', { ...anErasure(), data: { childId: 'kid-1', name: 'Lotta' } }],
    ['a malformed child id', { ...anErasure(), data: { childId: 'kid/1' } }],
    ['version 1', { ...anErasure(), schemaVersion: 1 }],
    ['no owner', (({ ownerId: _, ...rest }) => rest)(anErasure())],
  ])('rejects a ChildErased with %s', (_, event) => {
    expect(() => parseLetterEvent(JSON.stringify(event))).toThrow(InvalidEventError);
  });

  it('describes a bad event by path and expectation, never quoting the value received', () => {
    const bad = { ...anEvent('LetterSubmitted'), data: { ...anEvent('LetterSubmitted').data, child: { id: 'kid-1', name: 'Lotta', age: 'Lotta', country: 'SE' } } };

    expect(() => parseLetterEvent(JSON.stringify(bad))).toThrow(/data\.child\.age: expected number/u);
    expect(() => parseLetterEvent(JSON.stringify({ ...anEvent('LetterSubmitted'), type: 'Dear Santa' }))).not.toThrow(/Dear Santa/u);
  });
});
