import * as v from 'valibot';
import { CorrelationId, EventId, IsoTimestamp, LetterContent } from './event-fields.js';
import { LEGACY_OWNER_ID, UPCASTERS } from './event-upcasters.js';
import { LetterId, OwnerId, type IdsAndClock } from './ids.js';
import { ChildId, type Letter } from './letter.js';

/** The version producers write; consumers also accept the previous one (a rolling deploy loses nothing). */
export const SCHEMA_VERSION = 2;
/** Every schemaVersion a consumer accepts: the current one and each an upcaster reads; any other fails the record, never guessed. */
export const ACCEPTED_SCHEMA_VERSIONS: readonly number[] = [...UPCASTERS.keys(), SCHEMA_VERSION].sort((a, b) => a - b);
/** The events about one letter. */
export const LETTER_EVENT_TYPES = ['LetterSubmitted', 'LetterAmended', 'LetterWithdrawn'] as const;
export type LetterEventType = (typeof LETTER_EVENT_TYPES)[number];
/** Every event type on the letters topic: the letter events and ChildErased (about a child, not a letter). */
export const EVENT_TYPES = [...LETTER_EVENT_TYPES, 'ChildErased'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export { LEGACY_OWNER_ID, LetterContent };

const envelope = {
  eventId: EventId,
  schemaVersion: v.literal(SCHEMA_VERSION),
  letterId: LetterId,
  ownerId: OwnerId,
  occurredAt: IsoTimestamp,
  correlationId: CorrelationId,
};
// ChildErased is about a child of an account, not one letter, so its envelope has no letterId;
// it names no child by anything but the account's own child id (no personal data).
const { letterId: _letterId, ...childEnvelope } = envelope;

/**
 * Every event on the letters topic in the current schema version: what producers write and
 * what every consumer works with (an older version is upcast to it first, see parseLetterEvent).
 */
export const LetterEvent = v.variant('type', [
  v.strictObject({ ...envelope, type: v.literal('LetterSubmitted'), data: LetterContent }),
  v.strictObject({ ...envelope, type: v.literal('LetterAmended'), data: LetterContent }),
  v.strictObject({ ...envelope, type: v.literal('LetterWithdrawn'), data: v.strictObject({ letterId: LetterId }) }),
  v.strictObject({ ...childEnvelope, type: v.literal('ChildErased'), data: v.strictObject({ childId: ChildId }) }),
]);
export type LetterEvent = v.InferOutput<typeof LetterEvent>;
/** An event about one letter (everything but ChildErased). */
export type LetterChange = Exclude<LetterEvent, { type: 'ChildErased' }>;
export type ContentEvent = Extract<LetterEvent, { type: 'LetterSubmitted' | 'LetterAmended' }>;
export type ChildErased = Extract<LetterEvent, { type: 'ChildErased' }>;

export const isContentEvent = (event: LetterEvent): event is ContentEvent =>
  event.type === 'LetterSubmitted' || event.type === 'LetterAmended';

export const isChildErased = (event: LetterEvent): event is ChildErased => event.type === 'ChildErased';

/** Raised when a message is not a valid letter event; the record fails and, retried, reaches the DLQ. */
export class InvalidEventError extends Error {
  override name = 'InvalidEventError';
}

// Paths and expectations only: a message may quote the value received, a child's name or message.
const validated = <S extends v.GenericSchema>(schema: S, value: unknown, version: number): v.InferOutput<S> => {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issues = result.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: expected ${issue.expected ?? issue.type}`);
  throw new InvalidEventError(`not a letter event of schemaVersion ${version}: ${issues.join('; ')}`);
};

const schemaVersionOf = (json: unknown): number | undefined => {
  const version = typeof json === 'object' && json !== null ? (json as { schemaVersion?: unknown }).schemaVersion : undefined;
  return typeof version === 'number' && ACCEPTED_SCHEMA_VERSIONS.includes(version) ? version : undefined;
};

/**
 * Parses a message body into a letter event of the current version: an accepted older version
 * is validated against its own schema and upcast step by step (event-upcasters.ts); an unknown
 * type or schema version is rejected, never guessed.
 */
export const parseLetterEvent = (body: string): LetterEvent => {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new InvalidEventError('message body is not JSON');
  }
  let version = schemaVersionOf(json);
  if (version === undefined) throw new InvalidEventError(`not a letter event: schemaVersion: expected ${ACCEPTED_SCHEMA_VERSIONS.join(' or ')}`);
  while (version !== SCHEMA_VERSION) {
    const step = UPCASTERS.get(version);
    if (!step) throw new InvalidEventError(`not a letter event: no upcaster from schemaVersion ${version}`);
    json = step.upcast(validated(step.schema, json, version));
    version += 1;
  }
  return validated(LetterEvent, json, SCHEMA_VERSION);
};

const toContent = (letter: Letter): LetterContent => ({
  child: letter.child,
  toys: letter.toys,
  message: letter.message ?? null,
});

/** What a command asks for: the event type, the letter it is about and, for content events, the letter. */
export type LetterCommand = (
  | { type: 'LetterSubmitted' | 'LetterAmended'; letter: Letter }
  | { type: 'LetterWithdrawn' }
) & { letterId: LetterId };

/** Builds the (current version) event a command of `ownerId` publishes. */
export const createLetterEvent = (
  input: LetterCommand & { ownerId: string; correlationId: string },
  { newId, now }: IdsAndClock,
): LetterChange => {
  const base = {
    eventId: newId(),
    schemaVersion: SCHEMA_VERSION,
    letterId: input.letterId,
    ownerId: input.ownerId,
    occurredAt: now().toISOString(),
    correlationId: input.correlationId,
  } as const;
  return input.type === 'LetterWithdrawn'
    ? { ...base, type: input.type, data: { letterId: input.letterId } }
    : { ...base, type: input.type, data: toContent(input.letter) };
};

/** Builds the (current version) ChildErased an account's erasure command publishes: ids only. */
export const createChildErased = (
  input: { ownerId: string; childId: string; correlationId: string },
  { newId, now }: IdsAndClock,
): ChildErased => ({
  eventId: newId(),
  type: 'ChildErased',
  schemaVersion: SCHEMA_VERSION,
  ownerId: input.ownerId,
  occurredAt: now().toISOString(),
  correlationId: input.correlationId,
  data: { childId: input.childId },
});

/**
 * The total order of events of one letter: later occurredAt wins, ties broken by eventId.
 * ISO timestamps with milliseconds sort as strings, so this one string orders events.
 */
export const eventVersion = (event: Pick<LetterEvent, 'occurredAt' | 'eventId'>): string =>
  `${event.occurredAt}#${event.eventId}`;
