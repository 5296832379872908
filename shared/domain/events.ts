import * as v from 'valibot';
import { LetterId, OwnerId, type IdsAndClock } from './ids.js';
import { Child, ChildId, Toy, type Letter } from './letter.js';

/** The version producers write; consumers also accept the previous one (a rolling deploy loses nothing). */
export const SCHEMA_VERSION = 2;
/** Every schemaVersion a consumer accepts; any other fails the record, never guessed. */
export const ACCEPTED_SCHEMA_VERSIONS = [1, 2] as const;
/** The events about one letter. */
export const LETTER_EVENT_TYPES = ['LetterSubmitted', 'LetterAmended', 'LetterWithdrawn'] as const;
export type LetterEventType = (typeof LETTER_EVENT_TYPES)[number];
/** Every event type on the letters topic: the letter events and ChildErased (about a child, not a letter). */
export const EVENT_TYPES = [...LETTER_EVENT_TYPES, 'ChildErased'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * The owner of a version 1 event. Version 1 carried no owner and was written before callers
 * had accounts, so its letters belong to no family: elves see them, families never do. No
 * caller can be this account (shared/http/caller.ts refuses a token with this `sub`).
 */
export const LEGACY_OWNER_ID = 'urn:santas-workshop:owner:legacy-v1';

const IsoTimestamp = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/u, 'occurredAt must be an ISO-8601 UTC time with milliseconds'),
);

/** The letter as carried by Submitted and Amended (event-carried state, already normalised). */
export const LetterContent = v.strictObject({
  child: Child,
  toys: v.array(Toy),
  message: v.nullable(v.string()),
});
export type LetterContent = v.InferOutput<typeof LetterContent>;

const envelopeV1 = {
  eventId: v.pipe(v.string(), v.uuid('eventId must be a UUID')),
  schemaVersion: v.literal(1),
  letterId: LetterId,
  occurredAt: IsoTimestamp,
  correlationId: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
};
const envelopeV2 = { ...envelopeV1, schemaVersion: v.literal(2), ownerId: OwnerId };
// ChildErased is about a child of an account, not one letter, so its envelope has no letterId;
// it names no child by anything but the account's own child id (no personal data).
const { letterId: _letterId, ...childEnvelope } = envelopeV2;

const eventsV2 = v.variant('type', [
  v.strictObject({ ...envelopeV2, type: v.literal('LetterSubmitted'), data: LetterContent }),
  v.strictObject({ ...envelopeV2, type: v.literal('LetterAmended'), data: LetterContent }),
  v.strictObject({ ...envelopeV2, type: v.literal('LetterWithdrawn'), data: v.strictObject({ letterId: LetterId }) }),
  v.strictObject({ ...childEnvelope, type: v.literal('ChildErased'), data: v.strictObject({ childId: ChildId }) }),
]);
const eventsV1 = v.variant('type', [
  v.strictObject({ ...envelopeV1, type: v.literal('LetterSubmitted'), data: LetterContent }),
  v.strictObject({ ...envelopeV1, type: v.literal('LetterAmended'), data: LetterContent }),
  v.strictObject({ ...envelopeV1, type: v.literal('LetterWithdrawn'), data: v.strictObject({ letterId: LetterId }) }),
]);

/** Every event on the letters topic, validated by producers and consumers alike: version 2, or the previous version 1. */
export const LetterEvent = v.variant(
  'schemaVersion',
  [eventsV2, eventsV1],
  `schemaVersion must be one of ${ACCEPTED_SCHEMA_VERSIONS.join(', ')}`,
);
export type LetterEvent = v.InferOutput<typeof LetterEvent>;
/** An event about one letter (everything but ChildErased). */
export type LetterChange = Exclude<LetterEvent, { type: 'ChildErased' }>;
export type ContentEvent = Extract<LetterEvent, { type: 'LetterSubmitted' | 'LetterAmended' }>;
export type ChildErased = Extract<LetterEvent, { type: 'ChildErased' }>;

export const isContentEvent = (event: LetterEvent): event is ContentEvent =>
  event.type === 'LetterSubmitted' || event.type === 'LetterAmended';

export const isChildErased = (event: LetterEvent): event is ChildErased => event.type === 'ChildErased';

/** The account an event belongs to: its ownerId, or LEGACY_OWNER_ID for a version 1 event. */
export const ownerOf = (event: LetterEvent): string => (event.schemaVersion === 2 ? event.ownerId : LEGACY_OWNER_ID);

/** Raised when a message is not a valid letter event; the record fails and, retried, reaches the DLQ. */
export class InvalidEventError extends Error {
  override name = 'InvalidEventError';
}

/** Parses a message body into a letter event; an unknown type or schema version is rejected, never guessed. */
export const parseLetterEvent = (body: string): LetterEvent => {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new InvalidEventError('message body is not JSON');
  }
  const result = v.safeParse(LetterEvent, json);
  if (!result.success) {
    // Paths and expectations only: a message may quote the value received, a child's name or message.
    const issues = result.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: expected ${issue.expected ?? issue.type}`);
    throw new InvalidEventError(`not a letter event: ${issues.join('; ')}`);
  }
  return result.output;
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
