import type { StoredLetter } from './ports.js';
import type { LetterProgress, ObservedPage } from './version-inclusion.js';

/** One letter as the letters view holds it: what a query shows, and how far its projection has got. */
export interface ObservedLetter {
  letter: StoredLetter | undefined;
  progress: LetterProgress | undefined;
}

/** The letters view read with its progress, so a Min-Version read decides from the same read it answers. */
export interface LetterObserver {
  observe(letterId: string): Promise<ObservedLetter>;
  /** listByChild's page, with each listed letter's progress. */
  observeChild(ownerId: string, childId: string, options: { limit: number; cursor?: string }): Promise<ObservedPage>;
}

/** Whether the event log holds one event of a letter, or has erased the letter. */
export interface RecordedEvent {
  recorded: boolean;
  /** The account the recorded event belongs to. */
  ownerId: string | undefined;
  erased: boolean;
}

/** The event log read for one event (a Min-Version read of a letter's history). */
export interface EventLogObserver {
  observeEvent(letterId: string, event: { occurredAt: string; eventId: string }): Promise<RecordedEvent>;
}
