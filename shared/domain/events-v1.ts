import * as v from 'valibot';
import { LetterId } from './ids.js';
import { CorrelationId, EventId, IsoTimestamp, LetterContent } from './event-fields.js';

/**
 * Schema version 1, as producers wrote it before letters had owners: no ownerId and no
 * ChildErased. Frozen: consumers still accept it (upcast to the current version in
 * event-upcasters.ts), so a redriven or in-flight version 1 event is never lost.
 */
const envelopeV1 = {
  eventId: EventId,
  schemaVersion: v.literal(1),
  letterId: LetterId,
  occurredAt: IsoTimestamp,
  correlationId: CorrelationId,
};

export const LetterEventV1 = v.variant('type', [
  v.strictObject({ ...envelopeV1, type: v.literal('LetterSubmitted'), data: LetterContent }),
  v.strictObject({ ...envelopeV1, type: v.literal('LetterAmended'), data: LetterContent }),
  v.strictObject({ ...envelopeV1, type: v.literal('LetterWithdrawn'), data: v.strictObject({ letterId: LetterId }) }),
]);
export type LetterEventV1 = v.InferOutput<typeof LetterEventV1>;
