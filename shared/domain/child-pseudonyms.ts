import { createHmac } from 'node:crypto';
import type { LetterIdKeySet } from './letter-ids.js';

/** Who a child is to analytics: a keyed hash of (account, child id), never the id itself. */
export type ChildPseudonym = (ownerId: string, childId: string) => string;

/**
 * Which account's child an erasure names, in the DynamoDB tables' tombstones and stored
 * erasures: the same keyed hash under a key of its own (the child-erasure key), so the
 * projectors that keep tombstones cannot recompute analytics pseudonyms, and no erasure
 * leaves the raw child id behind.
 */
export type ChildErasureKey = ChildPseudonym;

// Length-prefixed, so no owner and child id can be shifted into another valid pair.
const framed = (text: string): string => `${Buffer.byteLength(text)}:${text}`;

/**
 * HMAC-SHA256 with the current key of the set (same JSON format as the letter-id keys),
 * written `<keyId>:<base64url mac>`. Rotating the key gives every child a new pseudonym, so
 * the distinct-children count splits until the analytics projection is replayed (WIPE=1).
 */
export const createChildPseudonym = (keySet: LetterIdKeySet): ChildPseudonym => {
  const key = Buffer.from(keySet.keys[keySet.current] ?? '', 'base64url');
  return (ownerId, childId) =>
    `${keySet.current}:${createHmac('sha256', key).update(`child-pseudonym\0${framed(ownerId)}${framed(childId)}`).digest('base64url')}`;
};
