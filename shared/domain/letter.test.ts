import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { letterBody } from '../testing/letter-bodies.js';
import { Letter } from './letter.js';
import { trimText } from './text.js';
import { normalizeToyName } from './toy-name.js';

const child = { id: 'lotta-2019', name: 'Lotta', age: 7, country: 'SE' };
const withToys = (...names: string[]) => letterBody({ child, toys: names.map((name) => ({ name, quantity: 1 })) });
const issuesOf = (input: unknown) => {
  const result = v.safeParse(Letter, input);
  return result.success ? [] : result.issues.map((issue) => ({ path: v.getDotPath(issue), message: issue.message }));
};
const accepted = (input: unknown) => v.parse(Letter, input);

describe('Letter, under the text rules', () => {
  it.each([
    ['a lone surrogate', '\ud800', 'must be well-formed Unicode'],
    ['a lone low surrogate after a letter', 'Kite\udfff', 'must be well-formed Unicode'],
    ['U+FFFF', 'Kite\uffff', 'noncharacters'],
    ['U+FFFE', '\ufffeKite', 'noncharacters'],
    ['U+FDD0', 'Ki\ufdd0te', 'noncharacters'],
    ['U+10FFFF', 'Kite\u{10ffff}', 'noncharacters'],
    ['an ESC', 'Kite\u001b[31m', 'control characters'],
    ['a C1 control', 'Kite\u0085', 'control characters'],
    ['a NUL', 'Ki\u0000te', 'control characters'],
    ['a tab', 'Ki\tte', 'control characters'],
  ])('rejects a toy name with %s', (_, name, message) => {
    expect(issuesOf(withToys(name))).toEqual([{ path: 'toys.0.name', message: expect.stringContaining(message) }]);
  });

  it('rejects the same characters in the child name and the message, but allows tab and line breaks in the message', () => {
    expect(issuesOf(letterBody({ child: { ...child, name: 'Lo\u001btta' } }))).toEqual([
      { path: 'child.name', message: expect.stringContaining('control characters') },
    ]);
    expect(issuesOf(letterBody({ child, message: 'Dear Santa\u0085' }))).toEqual([
      { path: 'message', message: expect.stringContaining('control characters') },
    ]);
    expect(issuesOf(letterBody({ child, message: '\ud83c' }))).toEqual([{ path: 'message', message: expect.stringContaining('well-formed') }]);
    expect(accepted(letterBody({ child, message: 'Dear Santa,\r\n\tthank you.\n' })).message).toBe('Dear Santa,\r\n\tthank you.\n');
  });

  it('counts lengths in code points: 100 emoji are a valid name, 101 are not', () => {
    expect(accepted(withToys('🎅'.repeat(100))).toys[0]!.name).toBe('🎅'.repeat(100));
    expect(issuesOf(withToys('🎅'.repeat(101)))).toEqual([{ path: 'toys.0.name', message: 'toy name must be at most 100 characters' }]);
    expect(accepted(letterBody({ child, message: '🎄'.repeat(2000) })).message).toHaveLength(4000);
    expect(issuesOf(letterBody({ child, message: '🎄'.repeat(2001) }))).toEqual([{ path: 'message', message: 'message must be at most 2000 characters' }]);
  });

  it('trims white space and zero-width characters, so a name of only those is empty', () => {
    expect(accepted(withToys('\u200b\ufeff Kite\u3000\u200d')).toys[0]!.name).toBe('Kite');
    expect(issuesOf(withToys('\u200b\u200b\u200b'))).toEqual([{ path: 'toys.0.name', message: 'toy name must not be empty' }]);
    expect(issuesOf(letterBody({ child: { ...child, name: '\u2060\u00a0' } }))).toEqual([{ path: 'child.name', message: 'child name must not be empty' }]);
  });

  it('stores text NFC-normalised and counts it after normalisation', () => {
    const nfd = 'Cafe\u0301';
    expect(accepted(withToys(nfd)).toys[0]!.name).toBe('Caf\u00e9');
    expect(accepted(letterBody({ child: { ...child, name: 'Zoe\u0308' }, message: 'A\u030a' }))).toMatchObject({
      child: { name: 'Zo\u00eb' },
      message: '\u00c5',
    });
    // 100 letters each with a combining accent are 200 code points written, 100 after NFC.
    expect(accepted(withToys('e\u0301'.repeat(100))).toys[0]!.name).toBe('\u00e9'.repeat(100));
  });

  it('refuses two toys with one grouping key: NFC and NFD, full-width and ASCII, case and spacing', () => {
    for (const [a, b] of [
      ['Caf\u00e9', 'Cafe\u0301'],
      ['ＬＥＧＯ', 'lego'],
      ['Red  bicycle', 'red bicycle'],
      ['Straße', 'STRASSE'],
    ]) {
      expect(issuesOf(withToys(a!, b!)), `${a} / ${b}`).toEqual([{ path: 'toys', message: 'toy names must be unique within a letter' }]);
    }
  });
});

describe('normalizeToyName (the toy grouping key)', () => {
  it('applies NFKC, full case folding and collapses white space', () => {
    expect(normalizeToyName('ＬＥＧＯ')).toBe('lego');
    expect(normalizeToyName('ﬀ Kite')).toBe('ff kite');
    expect(normalizeToyName(' Red \u00a0 Bicycle\t')).toBe('red bicycle');
    expect(normalizeToyName('Cafe\u0301')).toBe(normalizeToyName('CAF\u00c9'));
    expect(normalizeToyName('Straße')).toBe('strasse');
    expect(normalizeToyName('ΟΔΟΣ')).toBe(normalizeToyName('οδοσ'));
  });

  it('is idempotent, so a key stored once is its own key', () => {
    for (const name of ['ＬＥＧＯ', 'Straße', 'İstanbul', 'ΟΔΟΣ', 'Cafe\u0301', '🎅🏽 sled']) {
      expect(normalizeToyName(normalizeToyName(name))).toBe(normalizeToyName(name));
    }
  });
});

describe('trimText', () => {
  it('trims body-sized runs of blanks and keeps those inside', () => {
    const blanks = ' \u200b'.repeat(30_000);

    expect(trimText(`${blanks}x${blanks}y`)).toBe(`x${blanks}y`);
  });
});
