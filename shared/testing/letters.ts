import { createChildErased, createLetterEvent, parseLetterEvent, type ChildErased, type LetterChange, type LetterEvent, type LetterEventType } from '../domain/events.js';
import type { LetterEventV1 } from '../domain/events-v1.js';
import type { IdsAndClock } from '../domain/ids.js';
import { createLetterIds, type LetterIdKeySet, type LetterIds } from '../domain/letter-ids.js';
import type { Child, Letter } from '../domain/letter.js';
import { seededRandom } from './seeded-random.js';

export { seededRandom };

/** The instant test clocks start at; `minutesLater` counts from it. */
export const BASE_TIME = '2026-12-01T08:00:00.000Z';

/** BASE_TIME plus some minutes, as an event's occurredAt. */
export const minutesLater = (minutes: number, from: string = BASE_TIME): string =>
  new Date(Date.parse(from) + minutes * 60_000).toISOString();

const numberedUuid = (first: string, n: number): string =>
  `${first}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** The family account test letters belong to unless told otherwise. */
export const A_FAMILY = 'family-1';
/** Another family account, for "not yours" tests. */
export const ANOTHER_FAMILY = 'family-2';

/** A fixed letter id key set (never used outside tests). */
export const TEST_LETTER_ID_KEYS: LetterIdKeySet = { current: 'k1', keys: { k1: Buffer.alloc(32, 1).toString('base64url') } };

/** LetterIds over TEST_LETTER_ID_KEYS (or `keys`) whose fresh ids count up, the same every run. */
export const testLetterIds = (keys: LetterIdKeySet = TEST_LETTER_ID_KEYS): LetterIds => {
  let next = 0;
  return createLetterIds(keys, (size) => {
    const bytes = Buffer.alloc(size);
    bytes.writeUInt32BE(++next, size - 4);
    return bytes;
  });
};

const idsOfTests = testLetterIds();

/** A well-formed letter id of `ownerId`, the same for the same owner and n. */
export const aLetterIdOf = (ownerId: string, n = 1): string => idsOfTests.forIdempotencyKey(ownerId, `test-letter-${n}`);

/** A well-formed letter id of A_FAMILY, the same for the same n. */
export const aLetterId = (n = 1): string => aLetterIdOf(A_FAMILY, n);

/** A well-formed, readable event id: anEventId(2) is e0000000-0000-4000-8000-000000000002. */
export const anEventId = (n = 1): string => numberedUuid('e0000000', n);

/** Ids anEventId(1), anEventId(2), … and a clock stopped at `now` (BASE_TIME unless given). */
export const fixedIdsAndClock = ({
  now = BASE_TIME,
  firstId = 1,
}: { now?: string; firstId?: number } = {}): IdsAndClock => {
  let next = firstId;
  return { newId: () => anEventId(next++), now: () => new Date(now) };
};

/** A valid child; overrides replace single fields. */
export const aChild = (overrides: Partial<Child> = {}): Child => ({
  id: 'lotta-2019',
  name: 'Lotta',
  age: 7,
  country: 'SE',
  ...overrides,
});

/** A valid, already normalised letter (as a command accepts it); overrides replace whole fields. */
export const aLetter = (overrides: Partial<Letter> = {}): Letter => ({
  child: aChild(),
  toys: [{ name: 'Wooden train', quantity: 1 }],
  message: 'Dear Santa, I have been good.',
  ...overrides,
});

/** What anEvent may be told; the rest is fixed so equal options give equal events. */
export interface EventOptions {
  letterId?: string;
  /** ISO-8601 with ms; BASE_TIME unless given. */
  occurredAt?: string;
  eventId?: string;
  correlationId?: string;
  /** The letter a Submitted or Amended event carries; ignored for LetterWithdrawn. */
  letter?: Letter;
  /** The account the event is of; A_FAMILY unless given. */
  ownerId?: string;
}

/** A valid letter event (current schema version) built by createLetterEvent, with fixed id and clock. */
export const anEvent = (type: LetterEventType, options: EventOptions = {}): LetterChange => {
  const ownerId = options.ownerId ?? A_FAMILY;
  const letterId = options.letterId ?? aLetterIdOf(ownerId);
  const correlationId = options.correlationId ?? 'corr-test';
  const idsAndClock: IdsAndClock = {
    newId: () => options.eventId ?? anEventId(),
    now: () => new Date(options.occurredAt ?? BASE_TIME),
  };
  return type === 'LetterWithdrawn'
    ? createLetterEvent({ type, letterId, ownerId, correlationId }, idsAndClock)
    : createLetterEvent({ type, letterId, ownerId, correlationId, letter: options.letter ?? aLetter() }, idsAndClock);
};

/** The same event as a producer of schema version 1 wrote it: no ownerId. */
export const aVersion1Event = (type: LetterEventType, options: Omit<EventOptions, 'ownerId'> = {}): LetterEventV1 => {
  const { ownerId: _, ...event } = anEvent(type, options);
  return { ...event, schemaVersion: 1 } as LetterEventV1;
};

/** An event as every consumer receives it: its JSON parsed (an older version upcast to the current one). */
export const asReceived = (event: LetterEvent | LetterEventV1): LetterEvent => parseLetterEvent(JSON.stringify(event));

/** A ChildErased of one account's child (A_FAMILY and the test letter's child unless given), with fixed id and clock. */
export const anErasure = (
  options: { ownerId?: string; childId?: string; occurredAt?: string; eventId?: string; correlationId?: string } = {},
): ChildErased =>
  createChildErased(
    { ownerId: options.ownerId ?? A_FAMILY, childId: options.childId ?? aLetter().child.id, correlationId: options.correlationId ?? 'corr-test' },
    { newId: () => options.eventId ?? anEventId(), now: () => new Date(options.occurredAt ?? BASE_TIME) },
  );


/** A copy of items in an order fixed by the seed (Fisher-Yates). */
export const shuffled = <T>(items: readonly T[], seed: number): T[] => {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
};

/**
 * Events as at-least-once, unordered delivery may bring them: each at least once, about
 * one in three twice, in an order fixed by the seed.
 */
export const redelivered = <T>(items: readonly T[], seed: number): T[] => {
  const random = seededRandom(seed ^ 0x5bd1e995);
  return shuffled(
    items.flatMap((item) => (random() < 1 / 3 ? [item, item] : [item])),
    seed,
  );
};

/** Items cut into consecutive batches of 1 to maxSize, sizes fixed by the seed. */
export const inBatches = <T>(items: readonly T[], maxSize: number, seed: number): T[][] => {
  const random = seededRandom(seed ^ 0x27d4eb2f);
  const batches: T[][] = [];
  for (let start = 0; start < items.length; ) {
    const size = 1 + Math.floor(random() * maxSize);
    batches.push(items.slice(start, start + size));
    start += size;
  }
  return batches;
};
