import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as v from 'valibot';
import type { LetterId } from './ids.js';

/**
 * The secret key set letter ids are signed with: `{"current":"k1","keys":{"k1":"<base64url of 32 bytes>"}}`.
 * Rotation adds a key and points `current` at it; ids signed with the older keys stay valid.
 */
export const LetterIdKeySet = v.pipe(
  v.strictObject({
    current: v.pipe(v.string(), v.minLength(1)),
    keys: v.record(
      v.pipe(v.string(), v.minLength(1)),
      v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}=?$/u, 'each key must be the base64url of 32 random bytes')),
    ),
  }),
  v.check((set) => Object.hasOwn(set.keys, set.current), 'current must name one of keys'),
);
export type LetterIdKeySet = v.InferOutput<typeof LetterIdKeySet>;

/** Mints letter ids that carry a MAC of their owner, and tells whether an id belongs to an owner, without a lookup. */
export interface LetterIds {
  /** A fresh id for a letter of `ownerId`. */
  fresh(ownerId: string): LetterId;
  /** The id a POST with this Idempotency-Key names, the same on every retry of that account. */
  forIdempotencyKey(ownerId: string, idempotencyKey: string): LetterId;
  /** True only for an id minted for `ownerId` with a key of the set. */
  isOwnedBy(letterId: string, ownerId: string): boolean;
}

// id = base64url(tag 3 ‖ nonce 12 ‖ mac 18): 33 bytes, a multiple of 3, so every 44-character
// string decodes to exactly one byte string and no two spellings name the same letter.
const TAG_BYTES = 3;
const NONCE_BYTES = 12;
const MAC_BYTES = 18;
const ID_PATTERN = /^[A-Za-z0-9_-]{44}$/u;

// Length-prefixed, so no owner and nonce can be shifted into another valid pair.
const framed = (text: string): string => `${Buffer.byteLength(text)}:${text}`;
const tagOf = (keyId: string): Buffer => createHash('sha256').update(`letter-id-key\0${keyId}`).digest().subarray(0, TAG_BYTES);
const macOf = (key: Buffer, ownerId: string, tag: Buffer, nonce: Buffer): Buffer =>
  createHmac('sha256', key).update(`letter-id-mac\0${framed(ownerId)}`).update(tag).update(nonce).digest().subarray(0, MAC_BYTES);

/** LetterIds over a key set; `random` is a dependency so tests mint the same ids every run. */
export const createLetterIds = (keySet: LetterIdKeySet, random: (size: number) => Buffer = randomBytes): LetterIds => {
  const byTag = new Map<string, Buffer>();
  for (const [keyId, key] of Object.entries(keySet.keys)) {
    const tag = tagOf(keyId).toString('hex');
    if (byTag.has(tag)) throw new Error(`letter id key "${keyId}" shares its tag with another key id; rename one`);
    byTag.set(tag, Buffer.from(key, 'base64url'));
  }
  const currentTag = tagOf(keySet.current);
  const currentKey = byTag.get(currentTag.toString('hex'))!;
  const idOf = (ownerId: string, nonce: Buffer): LetterId =>
    Buffer.concat([currentTag, nonce, macOf(currentKey, ownerId, currentTag, nonce)]).toString('base64url');

  return {
    fresh: (ownerId) => idOf(ownerId, random(NONCE_BYTES)),
    forIdempotencyKey: (ownerId, idempotencyKey) =>
      idOf(
        ownerId,
        createHmac('sha256', currentKey).update(`letter-id-nonce\0${framed(ownerId)}${idempotencyKey}`).digest().subarray(0, NONCE_BYTES),
      ),
    isOwnedBy: (letterId, ownerId) => {
      if (!ID_PATTERN.test(letterId)) return false;
      const bytes = Buffer.from(letterId, 'base64url');
      const tag = bytes.subarray(0, TAG_BYTES);
      const key = byTag.get(tag.toString('hex'));
      if (!key) return false;
      const nonce = bytes.subarray(TAG_BYTES, TAG_BYTES + NONCE_BYTES);
      return timingSafeEqual(macOf(key, ownerId, tag, nonce), bytes.subarray(TAG_BYTES + NONCE_BYTES));
    },
  };
};

/** A fresh key set with one key: what a deployment starts with. */
export const generateLetterIdKeySet = (keyId = 'k1'): LetterIdKeySet => ({
  current: keyId,
  keys: { [keyId]: randomBytes(32).toString('base64url') },
});
