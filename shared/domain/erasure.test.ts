import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erasedLetterIds, erasedLetters, erases, foldLetters } from './erasure.js';
import type { ContentEvent, LetterEvent } from './events.js';
import { aChild, aLetter, aLetterId, aLetterIdOf, anErasure, anEvent, anEventId, ANOTHER_FAMILY, asReceived, aVersion1Event, minutesLater, redelivered } from '../testing/letters.js';

const forChild = (id: string) => aLetter({ child: aChild({ id }) });
const submitted = (n: number, minute: number, child = 'lotta-2019', ownerId?: string): ContentEvent =>
  anEvent('LetterSubmitted', { letterId: ownerId ? aLetterIdOf(ownerId, n) : aLetterId(n), occurredAt: minutesLater(minute), eventId: anEventId(n * 10), letter: forChild(child), ...(ownerId ? { ownerId } : {}) }) as ContentEvent;
const amended = (n: number, minute: number, child: string): ContentEvent =>
  anEvent('LetterAmended', { letterId: aLetterId(n), occurredAt: minutesLater(minute), eventId: anEventId(n * 10 + 1), letter: forChild(child) }) as ContentEvent;
const erasure = (minute: number, childId = 'lotta-2019', eventId = anEventId(999)) => anErasure({ childId, occurredAt: minutesLater(minute), eventId });

describe('erases', () => {
  it('covers content events of the same account and child at or before the erasure', () => {
    expect([erases(erasure(1), submitted(1, 0)), erases(erasure(1), submitted(1, 1)), erases(erasure(1), submitted(1, 2))]).toEqual([true, true, false]);
  });

  it('covers neither another child, another account, nor a version 1 letter', () => {
    expect(erases(erasure(5), submitted(1, 0, 'emil-2018'))).toBe(false);
    expect(erases(erasure(5), submitted(1, 0, 'lotta-2019', ANOTHER_FAMILY))).toBe(false);
    expect(erases(erasure(5), asReceived(aVersion1Event('LetterSubmitted', { letter: forChild('lotta-2019') })) as ContentEvent)).toBe(false);
  });
});

describe('erasedLetters', () => {
  it('erases a letter submitted before, keeps one submitted after, and remembers the latest erasure of each', () => {
    const events = [submitted(1, 0), submitted(2, 3), erasure(1, 'lotta-2019', anEventId(900)), erasure(2, 'lotta-2019', anEventId(901))];

    expect(erasedLetters(events)).toEqual(new Map([[aLetterId(1), minutesLater(2)]]));
  });

  it('erases a letter moved to another child after naming the erased one, and keeps one that names it only after the erasure', () => {
    const events = [submitted(1, 0, 'lotta-2019'), amended(1, 1, 'emil-2018'), submitted(2, 0, 'emil-2018'), amended(2, 3, 'lotta-2019'), erasure(2)];

    expect(erasedLetterIds(events)).toEqual(new Set([aLetterId(1)]));
  });
});

describe('foldLetters', () => {
  it('leaves an erased letter out for good: an amendment after the erasure brings nothing back', () => {
    const states = foldLetters([submitted(1, 0), erasure(1), amended(1, 2, 'lotta-2019'), submitted(2, 0, 'emil-2018')]);

    expect([...states.keys()]).toEqual([aLetterId(2)]);
  });

  it('is the same for any order and any duplicates of the events', () => {
    const events: LetterEvent[] = [submitted(1, 0), amended(1, 2, 'emil-2018'), submitted(2, 3), erasure(1), submitted(3, 1, 'lotta-2019', ANOTHER_FAMILY), erasure(4, 'emil-2018', anEventId(998))];
    const expected = foldLetters(events);

    fc.assert(
      fc.property(fc.nat(), (seed) => {
        expect(new Map([...foldLetters(redelivered(events, seed))].sort())).toEqual(new Map([...expected].sort()));
      }),
      { numRuns: 50, seed: 7 },
    );
    expect([...expected.keys()].sort()).toEqual([aLetterId(2), aLetterIdOf(ANOTHER_FAMILY, 3)].sort());
  });
});
