import { eventVersion, isContentEvent, type LetterChange, type LetterContent } from './events.js';
import type { LetterView } from './letter.js';

/**
 * What the read side knows of one letter. It is a pure function of the set of events seen,
 * so duplicates and any delivery order give the same state. LetterSubmitted only creates:
 * - content (child, toys, message) and owner come from the latest LetterAmended, else the
 *   earliest LetterSubmitted;
 * - status and updatedAt come from the latest LetterAmended or LetterWithdrawn, else the
 *   earliest LetterSubmitted (active);
 * - submittedAt is the earliest Submitted/Amended event.
 * So a LetterSubmitted never overrides an amendment or a withdrawal, whenever it arrives.
 * `version` and `contentVersion` are precedences (see precedenceOf): the greater string wins,
 * so stores merge states with plain string comparisons.
 */
export interface LetterState {
  letterId: string;
  version: string;
  status: 'active' | 'withdrawn';
  updatedAt: string;
  ownerId?: string;
  content?: LetterContent;
  contentVersion?: string;
  submittedAt?: string;
}

// Reverses the order of equal-length printable-ASCII strings (eventVersion always has 61
// characters: a fixed-width timestamp and a UUID), so "greater wins" picks the earliest.
const reversed = (text: string): string => String.fromCharCode(...[...text].map((c) => 0x9e - c.charCodeAt(0)));

/**
 * An event's precedence: any LetterAmended or LetterWithdrawn ("U#", latest wins) beats any
 * LetterSubmitted ("S#", earliest wins). "Latest" orders by occurredAt, then eventId (eventVersion).
 */
export const precedenceOf = (event: Pick<LetterChange, 'type' | 'occurredAt' | 'eventId'>): string =>
  event.type === 'LetterSubmitted' ? `S#${reversed(eventVersion(event))}` : `U#${eventVersion(event)}`;

/** Folds one event into a letter's state; returns the state unchanged for a stale or repeated event. */
export const applyLetterEvent = (state: LetterState | undefined, event: LetterChange): LetterState => {
  const precedence = precedenceOf(event);
  let next: LetterState = state ?? { letterId: event.letterId, version: '', status: 'active', updatedAt: '' };
  if (precedence > next.version) {
    next = {
      ...next,
      version: precedence,
      status: event.type === 'LetterWithdrawn' ? 'withdrawn' : 'active',
      updatedAt: event.occurredAt,
    };
  }
  if (isContentEvent(event)) {
    if (next.contentVersion === undefined || precedence > next.contentVersion) {
      next = { ...next, ownerId: event.ownerId, content: event.data, contentVersion: precedence };
    }
    if (next.submittedAt === undefined || event.occurredAt < next.submittedAt) {
      next = { ...next, submittedAt: event.occurredAt };
    }
  }
  return next;
};

/** The letter as queries show it; undefined while no Submitted/Amended event has been seen. */
export const toLetterView = (state: LetterState): LetterView | undefined =>
  state.content && state.submittedAt
    ? {
        letterId: state.letterId,
        child: state.content.child,
        toys: state.content.toys,
        message: state.content.message,
        status: state.status,
        submittedAt: state.submittedAt,
        updatedAt: state.updatedAt,
      }
    : undefined;
