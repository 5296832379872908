import { eventVersion, isContentEvent, type LetterContent, type LetterEvent } from './events.js';
import type { LetterView } from './letter.js';

/**
 * What the read side knows of one letter. It is a pure function of the set of events seen,
 * so duplicates and any delivery order give the same state:
 * - content (child, toys, message) comes from the latest Submitted/Amended event;
 * - status and updatedAt come from the latest event of any type;
 * - submittedAt is the earliest Submitted/Amended event.
 * "Latest" orders by occurredAt, then eventId (see eventVersion).
 */
export interface LetterState {
  letterId: string;
  version: string;
  status: 'active' | 'withdrawn';
  updatedAt: string;
  content?: LetterContent;
  contentVersion?: string;
  submittedAt?: string;
}

/** Folds one event into a letter's state; returns the state unchanged for a stale or repeated event. */
export const applyLetterEvent = (state: LetterState | undefined, event: LetterEvent): LetterState => {
  const version = eventVersion(event);
  let next: LetterState = state ?? { letterId: event.letterId, version: '', status: 'active', updatedAt: '' };
  if (version > next.version) {
    next = {
      ...next,
      version,
      status: event.type === 'LetterWithdrawn' ? 'withdrawn' : 'active',
      updatedAt: event.occurredAt,
    };
  }
  if (isContentEvent(event)) {
    if (next.contentVersion === undefined || version > next.contentVersion) {
      next = { ...next, content: event.data, contentVersion: version };
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
