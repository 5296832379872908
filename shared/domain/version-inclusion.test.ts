import { describe, expect, it } from 'vitest';
import { aLetter, aLetterId, anErasure, anEvent, anEventId, minutesLater } from '../testing/letters.js';
import { erasedLetters, foldLetters } from './erasure.js';
import type { LetterEvent } from './events.js';
import type { LetterView } from './letter.js';
import type { LetterState } from './letter-projection.js';
import { letterIncludes, pageIncludesErasure, pageIncludesLetter, type LetterProgress, type ObservedPage } from './version-inclusion.js';
import { writeVersionOf, type LetterWriteVersion } from './write-version.js';

const letterId = aLetterId(1);
const kite = aLetter({ toys: [{ name: 'Kite', quantity: 1 }] });
const story = [
  anEvent('LetterSubmitted', { letterId, eventId: anEventId(1), occurredAt: minutesLater(0) }),
  anEvent('LetterAmended', { letterId, eventId: anEventId(2), occurredAt: minutesLater(1), letter: kite }),
  anEvent('LetterWithdrawn', { letterId, eventId: anEventId(3), occurredAt: minutesLater(2) }),
  anEvent('LetterAmended', { letterId, eventId: anEventId(4), occurredAt: minutesLater(3) }),
  // A retry of the submission a day later: the earliest submission still counts.
  anEvent('LetterSubmitted', { letterId, eventId: anEventId(5), occurredAt: minutesLater(24 * 60) }),
];
const erasure = anErasure({ occurredAt: minutesLater(5), eventId: anEventId(6) });

/** What the letters view stores of the letter after `events`, as the store keeps it. */
const progressAfter = (events: LetterEvent[]): LetterProgress | undefined => {
  const erasedAt = erasedLetters(events).get(letterId);
  if (erasedAt !== undefined) return { erasedAt };
  const state = foldLetters(events).get(letterId);
  return state && { version: state.version, ...(state.contentVersion ? { contentVersion: state.contentVersion, submittedAt: state.submittedAt! } : {}) };
};
/** The letter's whole stored state: its fold, or its tombstone. */
const storeAfter = (events: LetterEvent[]): [LetterState | undefined, LetterProgress | undefined] => [foldLetters(events).get(letterId), progressAfter(events)];
const subsets = <T>(items: T[]): T[][] => items.reduce<T[][]>((all, item) => [...all, ...all.map((subset) => [...subset, item])], [[]]);

describe('letterIncludes', () => {
  it('says a state includes an event exactly when applying the event would change nothing, for every set of events seen', () => {
    for (const seen of subsets([...story, erasure])) {
      for (const event of story) {
        const unchanged = JSON.stringify(storeAfter([...seen, event])) === JSON.stringify(storeAfter(seen));
        expect(letterIncludes(progressAfter(seen), writeVersionOf(event) as LetterWriteVersion), `${event.type} ${event.eventId} after [${seen.map((e) => e.eventId.slice(-1)).join()}]`).toBe(unchanged);
      }
    }
  });

  it('says nothing is included for a letter the view has never seen', () => {
    expect(letterIncludes(undefined, writeVersionOf(story[0]!) as LetterWriteVersion)).toBe(false);
  });
});

const view = (id: string, submittedAt: string, childId = 'lotta-2019'): LetterView => ({
  letterId: id,
  child: { ...kite.child, id: childId },
  toys: kite.toys,
  message: null,
  status: 'active',
  submittedAt,
  updatedAt: submittedAt,
});
const page = (entries: [LetterView, LetterProgress][], nextCursor: string | null = null): ObservedPage => ({
  items: entries.map(([v]) => v),
  nextCursor,
  progress: new Map(entries.map(([v, p]) => [v.letterId, p])),
});
const submittedProgress = (at: string, eventId: string): LetterProgress => {
  const state = foldLetters([anEvent('LetterSubmitted', { letterId, eventId, occurredAt: at })]).get(letterId)!;
  return { version: state.version, contentVersion: state.contentVersion!, submittedAt: at };
};

describe('pageIncludesErasure', () => {
  const erased = writeVersionOf(erasure) as Extract<ReturnType<typeof writeVersionOf>, { type: 'ChildErased' }>;

  it('is true for a page with no letter whose content is from before the erasure', () => {
    expect(pageIncludesErasure(page([]), erased)).toBe(true);
    expect(pageIncludesErasure(page([[view(aLetterId(2), minutesLater(6)), submittedProgress(minutesLater(6), anEventId(7))]]), erased)).toBe(true);
  });

  it('is false while the page still lists a letter submitted before the erasure', () => {
    expect(pageIncludesErasure(page([[view(aLetterId(2), minutesLater(4)), submittedProgress(minutesLater(4), anEventId(7))]]), erased)).toBe(false);
  });

  it('is true for a letter that names the child only from an amendment after the erasure', () => {
    const amended = { ...submittedProgress(minutesLater(4), anEventId(7)), contentVersion: `U#${minutesLater(7)}#${anEventId(8)}` };

    expect(pageIncludesErasure(page([[view(aLetterId(2), minutesLater(4)), amended]]), erased)).toBe(true);
  });
});

describe('pageIncludesLetter', () => {
  const submitted = writeVersionOf(story[0]!) as LetterWriteVersion;
  const listed = submittedProgress(minutesLater(0), anEventId(1));
  const noRead = () => Promise.reject(new Error('the letter was read although the page lists it'));

  it("decides from the page's own listing when it lists the letter (the index may lag the table)", async () => {
    expect(await pageIncludesLetter(page([[view(letterId, minutesLater(0)), listed]]), submitted, { fromCursor: false, letter: noRead })).toBe(true);
    const amendment = writeVersionOf(story[1]!) as LetterWriteVersion;
    expect(await pageIncludesLetter(page([[view(letterId, minutesLater(0)), listed]]), amendment, { fromCursor: false, letter: noRead })).toBe(false);
  });

  it('waits for a letter that belongs on this page but is not listed yet', async () => {
    const letter = async () => ({ progress: listed, listedAt: minutesLater(0) });

    expect(await pageIncludesLetter(page([]), submitted, { fromCursor: false, letter })).toBe(false);
  });

  it('is true for a letter the view has that belongs elsewhere: another child, or another stretch of the list', async () => {
    const elsewhere = async () => ({ progress: listed, listedAt: undefined });
    const older = async () => ({ progress: listed, listedAt: minutesLater(0) });
    const fullPage = page([[view(aLetterId(2), minutesLater(10)), submittedProgress(minutesLater(10), anEventId(9))]], 'next');

    expect(await pageIncludesLetter(page([]), submitted, { fromCursor: false, letter: elsewhere })).toBe(true);
    expect(await pageIncludesLetter(fullPage, submitted, { fromCursor: false, letter: older })).toBe(true);
  });

  it('is false while the view has not got the letter', async () => {
    expect(await pageIncludesLetter(page([]), submitted, { fromCursor: false, letter: async () => ({ progress: undefined, listedAt: undefined }) })).toBe(false);
  });

  it('is true for an erased letter', async () => {
    expect(await pageIncludesLetter(page([]), submitted, { fromCursor: false, letter: async () => ({ progress: { erasedAt: minutesLater(5) }, listedAt: undefined }) })).toBe(true);
  });
});
