import * as v from 'valibot';
import { Child, Toy } from './letter.js';

// The fields every schema version shares, in a module of their own so that each version's
// schema (events.ts, events-v1.ts) and the upcasters between them import without a cycle.

export const EventId = v.pipe(v.string(), v.uuid('eventId must be a UUID'));

export const IsoTimestamp = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/u, 'occurredAt must be an ISO-8601 UTC time with milliseconds'),
);

export const CorrelationId = v.pipe(v.string(), v.minLength(1), v.maxLength(256));

/** The letter as carried by Submitted and Amended (event-carried state, already normalised). */
export const LetterContent = v.strictObject({
  child: Child,
  toys: v.array(Toy),
  message: v.nullable(v.string()),
});
export type LetterContent = v.InferOutput<typeof LetterContent>;
