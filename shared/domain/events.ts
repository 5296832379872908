import * as v from 'valibot';
import { LetterId, type IdsAndClock } from './ids.js';
import { Child, Toy, type Letter } from './letter.js';

export const SCHEMA_VERSION = 1;
export const EVENT_TYPES = ['LetterSubmitted', 'LetterAmended', 'LetterWithdrawn'] as const;
export type LetterEventType = (typeof EVENT_TYPES)[number];

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

const envelope = {
  eventId: v.pipe(v.string(), v.uuid('eventId must be a UUID')),
  schemaVersion: v.literal(SCHEMA_VERSION, `schemaVersion must be ${SCHEMA_VERSION}`),
  letterId: LetterId,
  occurredAt: IsoTimestamp,
  correlationId: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
};

/** Every event on the letters topic, validated by producers and consumers alike. */
export const LetterEvent = v.variant('type', [
  v.strictObject({ ...envelope, type: v.literal('LetterSubmitted'), data: LetterContent }),
  v.strictObject({ ...envelope, type: v.literal('LetterAmended'), data: LetterContent }),
  v.strictObject({ ...envelope, type: v.literal('LetterWithdrawn'), data: v.strictObject({ letterId: LetterId }) }),
]);
export type LetterEvent = v.InferOutput<typeof LetterEvent>;
export type ContentEvent = Extract<LetterEvent, { type: 'LetterSubmitted' | 'LetterAmended' }>;

export const isContentEvent = (event: LetterEvent): event is ContentEvent => event.type !== 'LetterWithdrawn';

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
    const issues = result.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
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

/** Builds the event a command publishes. */
export const createLetterEvent = (
  input: LetterCommand & { correlationId: string },
  { newId, now }: IdsAndClock,
): LetterEvent => {
  const base = {
    eventId: newId(),
    schemaVersion: SCHEMA_VERSION,
    letterId: input.letterId,
    occurredAt: now().toISOString(),
    correlationId: input.correlationId,
  } as const;
  return input.type === 'LetterWithdrawn'
    ? { ...base, type: input.type, data: { letterId: input.letterId } }
    : { ...base, type: input.type, data: toContent(input.letter) };
};

/**
 * The total order of events of one letter: later occurredAt wins, ties broken by eventId.
 * ISO timestamps with milliseconds sort as strings, so this one string orders events.
 */
export const eventVersion = (event: Pick<LetterEvent, 'occurredAt' | 'eventId'>): string =>
  `${event.occurredAt}#${event.eventId}`;
