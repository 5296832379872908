import type { LetterEvent } from '../domain/events.js';
import type { IdsAndClock } from '../domain/ids.js';
import type { LetterView } from '../domain/letter.js';
import type { CommandDependencies } from '../http/commands.js';
import type { TakeCommandQuota } from '../domain/command-quota.js';
import { testLetterIds } from './letters.js';
import { erasedLetterIds, erasedLetters, foldLetters, isLetterChange } from '../domain/erasure.js';
import type { EventLogObserver, LetterObserver } from '../domain/observation-ports.js';
import type { LetterProgress } from '../domain/version-inclusion.js';
import { toLetterView, type LetterState } from '../domain/letter-projection.js';
import { InvalidCursorError, type EventLogReader, type LetterReader, type Page, type Projection, type PublishEvent } from '../domain/ports.js';

/** Ids counting up from ...0001 and a clock that ticks one millisecond per call, from a fixed instant. */
export const tickingIdsAndClock = (start = '2026-12-01T08:00:00.000Z'): IdsAndClock => {
  let ids = 0;
  let ticks = 0;
  return {
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    now: () => new Date(Date.parse(start) + ticks++),
  };
};

/** Command dependencies for tests: ticking ids and clock, the test letter id keys, the idempotency store given, and no quota unless one is given. */
export const commandDependencies = ({
  publish,
  idempotency,
  takeQuota = unlimitedQuota,
}: Pick<CommandDependencies, 'publish' | 'idempotency'> & Partial<Pick<CommandDependencies, 'takeQuota'>>): CommandDependencies => ({
  publish,
  idempotency,
  takeQuota,
  idsAndClock: tickingIdsAndClock(),
  letterIds: testLetterIds(),
});

/** A quota that always allows. */
export const unlimitedQuota: TakeCommandQuota = async () => ({ allowed: true });

/** A publisher that records what it is given. */
export const recordingPublisher = (): { publish: PublishEvent; published: LetterEvent[] } => {
  const published: LetterEvent[] = [];
  return { publish: async (event) => void published.push(event), published };
};

/** An in-memory letters view with the same semantics as the DynamoDB store, erasures included. */
export const inMemoryLetters = (): LetterReader & LetterObserver & Projection & { states: Map<string, LetterState> } => {
  const states = new Map<string, LetterState>();
  const seen: LetterEvent[] = [];
  const progressOf = (letterId: string): LetterProgress | undefined => {
    const erasedAt = erasedLetters(seen).get(letterId);
    if (erasedAt !== undefined) return { erasedAt };
    const state = states.get(letterId);
    if (!state) return undefined;
    const { version, contentVersion, submittedAt } = state;
    return { version, ...(contentVersion === undefined ? {} : { contentVersion }), ...(submittedAt === undefined ? {} : { submittedAt }) };
  };
  const get = async (letterId: string) => {
    const state = states.get(letterId);
    const view = state && toLetterView(state);
    return view && state.ownerId !== undefined ? { ownerId: state.ownerId, view } : undefined;
  };
  const owned = () =>
    [...states.values()].flatMap((state) => {
      const view = toLetterView(state);
      return view && state.ownerId !== undefined ? [{ ownerId: state.ownerId, view }] : [];
    });
  return {
    states,
    apply: async (events) => {
      seen.push(...events);
      states.clear();
      for (const [letterId, state] of foldLetters(seen)) states.set(letterId, state);
    },
    get,
    observe: async (letterId) => ({ letter: await get(letterId), progress: progressOf(letterId) }),
    async observeChild(ownerId, childId, options) {
      const page = await this.listByChild(ownerId, childId, options);
      return { ...page, progress: new Map(page.items.map((view) => [view.letterId, progressOf(view.letterId)!])) };
    },
    listByChild: async (ownerId, childId, { limit, cursor }): Promise<Page<LetterView>> => {
      const all = owned()
        .filter(({ ownerId: owner, view }) => owner === ownerId && view.child.id === childId)
        .map(({ view }) => view)
        .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt) || b.letterId.localeCompare(a.letterId));
      const start = cursor === undefined ? 0 : Number(cursor);
      if (!Number.isInteger(start) || start < 0) throw new InvalidCursorError('cursor is not one this service handed out');
      const items = all.slice(start, start + limit);
      return { items, nextCursor: start + limit < all.length ? String(start + limit) : null };
    },
  };
};

/** An in-memory event log: every event once, a letter's history oldest first, erased letters' events forgotten. */
export const inMemoryEventLog = (): EventLogReader & EventLogObserver & Projection & { events: Map<string, LetterEvent> } => {
  const events = new Map<string, LetterEvent>();
  const seen: LetterEvent[] = [];
  const historyOf = (letterId: string) =>
    [...events.values()]
      .filter(isLetterChange)
      .filter((event) => event.letterId === letterId)
      .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.eventId.localeCompare(b.eventId));
  return {
    events,
    apply: async (batch) => {
      seen.push(...batch);
      const erased = erasedLetterIds(seen);
      batch.forEach((event) => events.set(event.eventId, event));
      for (const [eventId, event] of events) if (isLetterChange(event) && erased.has(event.letterId)) events.delete(eventId);
    },
    history: async (letterId) => historyOf(letterId),
    historyPage: async (letterId, { limit, cursor }) => {
      const all = historyOf(letterId);
      const start = cursor === undefined ? 0 : Number(cursor);
      if (!Number.isInteger(start) || start < 0) throw new InvalidCursorError('cursor is not one this history handed out');
      return { items: all.slice(start, start + limit), nextCursor: start + limit < all.length ? String(start + limit) : null };
    },
    observeEvent: async (letterId, { occurredAt, eventId }) => {
      const event = events.get(eventId);
      const recorded = event !== undefined && isLetterChange(event) && event.letterId === letterId && event.occurredAt === occurredAt;
      return { recorded, ownerId: recorded ? event.ownerId : undefined, erased: erasedLetterIds(seen).has(letterId) };
    },
  };
};

/** A projection that fails for the events a predicate picks, and records the rest. */
export const failingProjection = (fails: (event: LetterEvent) => boolean): Projection & { applied: LetterEvent[] } => {
  const applied: LetterEvent[] = [];
  return {
    applied,
    apply: async (events) => {
      if (events.some(fails)) throw new Error('write failed');
      applied.push(...events);
    },
  };
};
