import { isChildErased, isContentEvent, type ChildErased, type ContentEvent, type LetterChange, type LetterEvent } from './events.js';
import { applyLetterEvent, type LetterState } from './letter-projection.js';

/**
 * Which letters a ChildErased removes, as a pure function of the set of events, so every
 * store applies it in any order:
 * - an erasure of (account, child) at time T erases every letter with a content event
 *   (LetterSubmitted or LetterAmended) of that account naming that child id at or before T.
 *   Its earliest content event is its submission, so a letter submitted after T is kept;
 * - a child changed by an amendment: a letter that named the child at any time up to T
 *   carried that child's data, so it is erased whole (whatever child it names now); a letter
 *   that names the child only from an amendment after T is kept, like a letter submitted then;
 * - an erased letter is gone for good: a later amendment, or an old event redriven, is ignored.
 * Stores keep two tombstones for this: per (account, child) the latest erasure time, and per
 * letter the fact that it was erased. Version 1 events belong to no family, so no erasure
 * names them.
 */
export const erases = (erasure: Pick<ChildErased, 'ownerId' | 'occurredAt' | 'data'>, event: ContentEvent): boolean =>
  event.ownerId === erasure.ownerId && event.data.child.id === erasure.data.childId && event.occurredAt <= erasure.occurredAt;

/** The key of one account's child in tombstones; encoding keeps any `sub` from forging the separator. */
export const childKey = (ownerId: string, childId: string): string => `${encodeURIComponent(ownerId)}#${childId}`;

/** Per (account, child), the latest erasure time among the events: the child tombstones. */
export const childTombstones = (events: readonly LetterEvent[]): Map<string, string> => {
  const latest = new Map<string, string>();
  for (const event of events.filter(isChildErased)) {
    const key = childKey(event.ownerId, event.data.childId);
    const current = latest.get(key);
    if (current === undefined || event.occurredAt > current) latest.set(key, event.occurredAt);
  }
  return latest;
};

/** Whether a content event falls under a child tombstone (its child's latest erasure is at or after it). */
export const isUnderTombstone = (tombstones: ReadonlyMap<string, string>, event: ContentEvent): boolean => {
  const erasedAt = tombstones.get(childKey(event.ownerId, event.data.child.id));
  return erasedAt !== undefined && event.occurredAt <= erasedAt;
};

/** The letters a set of events erases, each with the latest erasure that erases it: the letter tombstones. */
export const erasedLetters = (events: readonly LetterEvent[]): Map<string, string> => {
  const erasures = events.filter(isChildErased);
  const erased = new Map<string, string>();
  for (const event of events.filter(isContentEvent)) {
    for (const erasure of erasures.filter((candidate) => erases(candidate, event))) {
      const current = erased.get(event.letterId);
      if (current === undefined || erasure.occurredAt > current) erased.set(event.letterId, erasure.occurredAt);
    }
  }
  return erased;
};

/** The ids of the letters a set of events erases. */
export const erasedLetterIds = (events: readonly LetterEvent[]): Set<string> => new Set(erasedLetters(events).keys());

/** The letters view a set of events leaves, in any order: each letter's folded state, erased letters absent. */
export const foldLetters = (events: readonly LetterEvent[]): Map<string, LetterState> => {
  const erased = erasedLetterIds(events);
  const states = new Map<string, LetterState>();
  for (const event of events.filter(isLetterChange)) {
    if (!erased.has(event.letterId)) states.set(event.letterId, applyLetterEvent(states.get(event.letterId), event));
  }
  return states;
};

/** Whether an event is about one letter (every type but ChildErased). */
export const isLetterChange = (event: LetterEvent): event is LetterChange => !isChildErased(event);
