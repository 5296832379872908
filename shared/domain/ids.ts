import { randomUUID } from 'node:crypto';
import * as v from 'valibot';

/** Letter ids are opaque to clients: 16-64 of A-Z, a-z, 0-9, _ and - (see letter-ids.ts for how they are minted). */
export const LetterId = v.pipe(
  v.string('letter id must be a string'),
  v.regex(/^[A-Za-z0-9_-]{16,64}$/u, 'letter id must be 16-64 of A-Z, a-z, 0-9, _ and -'),
);
export type LetterId = v.InferOutput<typeof LetterId>;

/** 1-128 printable ASCII characters, as the contract allows for Idempotency-Key. */
export const IdempotencyKey = v.pipe(
  v.string(),
  v.regex(/^[\x20-\x7e]{1,128}$/u, 'Idempotency-Key must be 1-128 printable ASCII characters'),
);

/** The account a letter belongs to: the token's `sub`, which OpenID Connect limits to 255 ASCII characters. */
export const OwnerId = v.pipe(v.string('owner id must be a string'), v.regex(/^[\x20-\x7e]{1,255}$/u, 'owner id must be 1-255 printable ASCII characters'));

/** Where ids and time come from; a dependency so tests are deterministic. */
export interface IdsAndClock {
  newId: () => string;
  now: () => Date;
}

export const systemIdsAndClock: IdsAndClock = { newId: randomUUID, now: () => new Date() };
