import type { AnalyticsSummary, TopToy } from './analytics.js';
import type { LetterEvent } from './events.js';
import type { LetterView } from './letter.js';

/** Publishes one event to the letters topic. */
export type PublishEvent = (event: LetterEvent) => Promise<void>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A letter as the letters view stores it: what queries show, and the account it belongs to. */
export interface StoredLetter {
  ownerId: string;
  view: LetterView;
}

/** Read side of the letters view (DynamoDB). */
export interface LetterReader {
  get(letterId: string): Promise<StoredLetter | undefined>;
  /**
   * The letters of one account's child (child ids are per account), newest submittedAt first;
   * cursor is opaque and came from a previous page of the same list.
   */
  listByChild(ownerId: string, childId: string, options: { limit: number; cursor?: string }): Promise<Page<LetterView>>;
}

/**
 * A projection: applies events so that duplicates and any order give the same state.
 * apply() applies all events or throws; callers retry one by one to isolate a bad event.
 */
export interface Projection {
  apply(events: LetterEvent[]): Promise<void>;
}

// Inferred from the schemas the responses are built from (shared/http/responses.ts).
export type { AnalyticsSummary, TopToy } from './analytics.js';

/** Read side of the analytics database (PostgreSQL), read-only. */
export interface AnalyticsReader {
  topToys(options: { limit: number; country?: string }): Promise<TopToy[]>;
  summary(): Promise<AnalyticsSummary>;
}

/** The append-only event log: every event stored once. */
export interface EventLogReader {
  /** A letter's events, oldest first. */
  history(letterId: string): Promise<LetterEvent[]>;
  /** A page of a letter's events, oldest first; InvalidCursorError for a cursor it did not hand out. */
  historyPage(letterId: string, options: { limit: number; cursor?: string }): Promise<Page<LetterEvent>>;
}

/** A pagination cursor that this reader did not hand out (or for another list). */
export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}
