import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { LetterId } from './ids.js';
import { createLetterIds, generateLetterIdKeySet, LetterIdKeySet } from './letter-ids.js';

const keys = { current: 'k1', keys: { k1: Buffer.alloc(32, 1).toString('base64url') } };
const rotated = { current: 'k2', keys: { ...keys.keys, k2: Buffer.alloc(32, 2).toString('base64url') } };

describe('createLetterIds', () => {
  it('mints opaque, well-formed ids that belong to their owner only', () => {
    const ids = createLetterIds(keys);

    const id = ids.fresh('family-1');

    expect(v.is(LetterId, id)).toBe(true);
    expect(id).toMatch(/^[A-Za-z0-9_-]{44}$/u);
    expect([ids.isOwnedBy(id, 'family-1'), ids.isOwnedBy(id, 'family-2'), ids.isOwnedBy(id, 'family-1 ')]).toEqual([true, false, false]);
  });

  it('derives the same id from the same account and Idempotency-Key, and another for another account or key', () => {
    const ids = createLetterIds(keys);

    const again = createLetterIds(keys).forIdempotencyKey('family-1', 'k');

    expect(ids.forIdempotencyKey('family-1', 'k')).toBe(again);
    expect(new Set([again, ids.forIdempotencyKey('family-2', 'k'), ids.forIdempotencyKey('family-1', 'l')]).size).toBe(3);
    expect(ids.isOwnedBy(again, 'family-1')).toBe(true);
  });

  it('keeps ids minted with an older key valid after rotation, and signs new ones with the current key', () => {
    const old = createLetterIds(keys).fresh('family-1');
    const afterRotation = createLetterIds(rotated);

    const fresh = afterRotation.fresh('family-1');

    expect(afterRotation.isOwnedBy(old, 'family-1')).toBe(true);
    expect(createLetterIds(keys).isOwnedBy(fresh, 'family-1')).toBe(false);
  });

  it.each([
    ['an id never issued', 'never-issued-but-well-formed-0000000000000000'],
    ['a UUID', '3f0a2c1e-8d4b-4f6a-9c2e-1b7d5e9f0a11'],
    ['a shorter id', 'abc'],
    ['an id of another key set', createLetterIds(generateLetterIdKeySet()).fresh('family-1')],
  ])('refuses %s', (_, id) => {
    expect(createLetterIds(rotated).isOwnedBy(id, 'family-1')).toBe(false);
  });

  it('refuses every id with one character changed', () => {
    const ids = createLetterIds(keys);
    const id = ids.fresh('family-1');

    const changed = [...id].map((c, i) => `${id.slice(0, i)}${c === 'A' ? 'B' : 'A'}${id.slice(i + 1)}`);

    expect(changed.filter((other) => ids.isOwnedBy(other, 'family-1'))).toEqual([]);
  });

  it('uses the random source it is given for fresh ids', () => {
    const ids = createLetterIds(keys, (size) => Buffer.alloc(size, 7));

    expect(ids.fresh('family-1')).toBe(createLetterIds(keys, (size) => Buffer.alloc(size, 7)).fresh('family-1'));
  });
});

describe('LetterIdKeySet', () => {
  it('accepts a generated key set, and a key written with its base64 padding', () => {
    expect(v.is(LetterIdKeySet, generateLetterIdKeySet())).toBe(true);
    expect(v.is(LetterIdKeySet, { current: 'k1', keys: { k1: `${keys.keys.k1}=` } })).toBe(true);
  });

  it.each([
    ['a current key that is not in keys', { current: 'k2', keys: keys.keys }],
    ['a key of 16 bytes', { current: 'k1', keys: { k1: Buffer.alloc(16).toString('base64url') } }],
    ['no keys', { current: 'k1', keys: {} }],
    ['an extra property', { ...keys, note: 'x' }],
  ])('rejects %s', (_, set) => {
    expect(v.is(LetterIdKeySet, set)).toBe(false);
  });
});
