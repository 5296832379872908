import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LETTER_EVENT_TYPES, LEGACY_OWNER_ID, type LetterChange } from './events.js';
import { applyLetterEvent, toLetterView, type LetterState } from './letter-projection.js';
import { aLetter, aLetterId, anEvent, anEventId, asReceived, aVersion1Event, minutesLater, redelivered } from '../testing/letters.js';

const fold = (events: LetterChange[]): LetterState | undefined => events.reduce<LetterState | undefined>(applyLetterEvent, undefined);
const event = (type: LetterChange['type'], minute: number, n: number) =>
  anEvent(type, { occurredAt: minutesLater(minute), eventId: anEventId(n), letter: aLetter({ toys: [{ name: `Toy ${n}`, quantity: 1 }] }) });
const viewOf = (events: LetterChange[]) => toLetterView(fold(events)!);

describe('applyLetterEvent', () => {
  it('takes content and owner from the earliest LetterSubmitted while no amendment is seen', () => {
    expect(viewOf([event('LetterSubmitted', 2, 2), event('LetterSubmitted', 1, 1)])).toMatchObject({
      toys: [{ name: 'Toy 1', quantity: 1 }],
      status: 'active',
      submittedAt: minutesLater(1),
      updatedAt: minutesLater(1),
    });
    expect(fold([event('LetterSubmitted', 0, 1)])?.ownerId).toBe('family-1');
  });

  it('never lets a LetterSubmitted override an amendment, however late it occurred', () => {
    expect(viewOf([event('LetterSubmitted', 0, 1), event('LetterAmended', 1, 2), event('LetterSubmitted', 9, 3)])).toMatchObject({
      toys: [{ name: 'Toy 2', quantity: 1 }],
      status: 'active',
      updatedAt: minutesLater(1),
    });
  });

  it('never lets a LetterSubmitted override a withdrawal, however late it occurred', () => {
    expect(viewOf([event('LetterSubmitted', 0, 1), event('LetterWithdrawn', 1, 2), event('LetterSubmitted', 9, 3)])).toMatchObject({
      toys: [{ name: 'Toy 1', quantity: 1 }],
      status: 'withdrawn',
      updatedAt: minutesLater(1),
    });
  });

  it('takes status from the latest LetterAmended or LetterWithdrawn, ties broken by eventId', () => {
    expect(viewOf([event('LetterSubmitted', 0, 1), event('LetterAmended', 3, 2), event('LetterWithdrawn', 3, 3)])).toMatchObject({ status: 'withdrawn' });
    expect(viewOf([event('LetterSubmitted', 0, 1), event('LetterAmended', 3, 4), event('LetterWithdrawn', 3, 3)])).toMatchObject({ status: 'active' });
  });

  it('gives a version 1 letter the legacy owner, never one guessed from its body', () => {
    expect(fold([asReceived(aVersion1Event('LetterSubmitted', { letterId: aLetterId(1) })) as LetterChange])?.ownerId).toBe(LEGACY_OWNER_ID);
  });

  it('gives the same state for any order and any duplicates of the same events', () => {
    const history = fc.array(
      fc.record({ type: fc.constantFrom(...LETTER_EVENT_TYPES), minute: fc.integer({ min: 0, max: 3 }) }).map(({ type, minute }) => ({ type, minute })),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(history, fc.nat(), (steps, seed) => {
        const events = steps.map(({ type, minute }, i) => event(type, minute, i + 1));

        expect(fold(redelivered(events, seed))).toEqual(fold(events));
      }),
      { seed: 1201, numRuns: 200 },
    );
  });
});
