import { createHash, randomUUID } from 'node:crypto';
import * as v from 'valibot';

/** Letter ids are lower-case UUIDs. */
export const LetterId = v.pipe(
  v.string('letter id must be a string'),
  v.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u, 'letter id must be a lower-case UUID'),
);
export type LetterId = v.InferOutput<typeof LetterId>;

/** 1-128 printable ASCII characters, as the contract allows for Idempotency-Key. */
export const IdempotencyKey = v.pipe(
  v.string(),
  v.regex(/^[\x20-\x7e]{1,128}$/u, 'Idempotency-Key must be 1-128 printable ASCII characters'),
);

// A fixed namespace so the same key maps to the same letter in every deployment.
const IDEMPOTENCY_NAMESPACE = 'santas-workshop/letters/v1:';

/** A name-based (version 5 layout, SHA-256) UUID: the same key always gives the same letter id. */
export const letterIdForKey = (idempotencyKey: string): LetterId => {
  const bytes = createHash('sha256').update(IDEMPOTENCY_NAMESPACE + idempotencyKey).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** Where ids and time come from; a dependency so tests are deterministic. */
export interface IdsAndClock {
  newId: () => string;
  now: () => Date;
}

export const systemIdsAndClock: IdsAndClock = { newId: randomUUID, now: () => new Date() };
