import type { LetterView } from './letter.js';
import { precedenceOf } from './letter-projection.js';
import type { LetterWriteVersion, WriteVersion } from './write-version.js';

/**
 * How far the letters view has got with one letter, as its item stores it: the precedences
 * of the status and of the content it holds (see letter-projection.ts), the earliest
 * submission seen, and the erasure time once the item is a tombstone.
 */
export interface LetterProgress {
  version?: string;
  contentVersion?: string;
  submittedAt?: string;
  erasedAt?: string;
}

const atLeast = (stored: string | undefined, wanted: string): boolean => stored !== undefined && stored >= wanted;

/**
 * Whether a letter's stored state already includes the event of `version`: applying it would
 * change nothing. Each part of the state follows its own last-writer-wins rule, so each is
 * compared with the event's precedence: status for every event, content and the earliest
 * content event (submittedAt) for Submitted and Amended. An erased letter stays erased whatever
 * arrives, so its tombstone includes every event.
 */
export const letterIncludes = (progress: LetterProgress | undefined, version: LetterWriteVersion): boolean => {
  if (progress === undefined) return false;
  if (progress.erasedAt !== undefined) return true;
  const wanted = precedenceOf(version);
  if (!atLeast(progress.version, wanted)) return false;
  if (version.type === 'LetterWithdrawn') return true;
  if (!atLeast(progress.contentVersion, wanted)) return false;
  return progress.submittedAt !== undefined && progress.submittedAt <= version.occurredAt;
};

/** The time of the content a listed letter shows: its latest amendment, else its submission. */
const contentTimeOf = (progress: LetterProgress, view: LetterView): string =>
  progress.contentVersion?.startsWith('U#') ? progress.contentVersion.slice(2, 26) : view.submittedAt;

/** One page of a child's letters, with each listed letter's progress. */
export interface ObservedPage {
  items: LetterView[];
  nextCursor: string | null;
  progress: ReadonlyMap<string, LetterProgress>;
}

/**
 * Whether a page of a child's letters already includes that child's erasure at `occurredAt`:
 * no letter it lists shows content from at or before the erasure, which the erasure removes.
 * (A letter that names the child only from an amendment after the erasure is kept, and shows it.)
 */
export const pageIncludesErasure = (page: ObservedPage, version: Extract<WriteVersion, { type: 'ChildErased' }>): boolean =>
  page.items.every((view) => {
    const progress = page.progress.get(view.letterId);
    return progress !== undefined && contentTimeOf(progress, view) > version.occurredAt;
  });

/** What the letters view holds of one letter, as far as a child's list is concerned. */
export interface ListedLetter {
  /** The letter's own progress (its item), whoever it belongs to. */
  progress: LetterProgress | undefined;
  /** Where the list of (account, child) places it, when it belongs there: its submission time. */
  listedAt: string | undefined;
}

/** Whether `submittedAt` falls within the stretch of the list a page shows (newest first). */
const withinPage = (page: ObservedPage, submittedAt: string, fromCursor: boolean): boolean => {
  const first = page.items[0]?.submittedAt;
  const last = page.items.at(-1)?.submittedAt;
  const belowTop = !fromCursor || first === undefined || submittedAt <= first;
  const aboveBottom = page.nextCursor === null || last === undefined || submittedAt >= last;
  return belowTop && aboveBottom;
};

/**
 * Whether a page of a child's letters includes the event of a letter `version`: if the page
 * lists the letter, the listing itself includes it (the list's index lags its table, so the
 * letter's item alone does not tell); if not, the letter's item includes it and places the
 * letter outside this page (another child, account or stretch of the list, or erased).
 * `letter` is read only when the page does not list it.
 */
export const pageIncludesLetter = async (
  page: ObservedPage,
  version: LetterWriteVersion,
  { fromCursor, letter }: { fromCursor: boolean; letter: () => Promise<ListedLetter> },
): Promise<boolean> => {
  const listed = page.progress.get(version.letterId);
  if (listed !== undefined) return letterIncludes(listed, version);
  const { progress, listedAt } = await letter();
  if (!letterIncludes(progress, version)) return false;
  return listedAt === undefined || !withinPage(page, listedAt, fromCursor);
};
