import * as v from 'valibot';
import { CountryCode } from './country.js';
import { text } from './text.js';
import { normalizeToyName } from './toy-name.js';

export { CountryCode };

/** Limits of a letter, as the HTTP contract states them. */
export const LETTER_LIMITS = {
  childIdLength: 64,
  nameLength: 100,
  maxAge: 17,
  maxToys: 50,
  maxQuantity: 99,
  messageLength: 2000,
} as const;

const trimmedText = (max: number, what: string) => text({ what, max, trimmed: true, lines: false });

export const ChildId = v.pipe(
  v.string('child id must be a string'),
  v.regex(
    new RegExp(`^[A-Za-z0-9_-]{1,${LETTER_LIMITS.childIdLength}}$`, 'u'),
    `child id must be 1-${LETTER_LIMITS.childIdLength} of A-Z, a-z, 0-9, _ and -`,
  ),
);
export type ChildId = v.InferOutput<typeof ChildId>;

const wholeNumber = (what: string, min: number, max: number) =>
  v.pipe(
    v.number(`${what} must be a number`),
    v.integer(`${what} must be an integer`),
    v.minValue(min, `${what} must be at least ${min}`),
    v.maxValue(max, `${what} must be at most ${max}`),
  );

export const Child = v.strictObject({
  id: ChildId,
  name: trimmedText(LETTER_LIMITS.nameLength, 'child name'),
  age: wholeNumber('age', 0, LETTER_LIMITS.maxAge),
  country: CountryCode,
});
export type Child = v.InferOutput<typeof Child>;

export const Toy = v.strictObject({
  name: trimmedText(LETTER_LIMITS.nameLength, 'toy name'),
  quantity: wholeNumber('quantity', 1, LETTER_LIMITS.maxQuantity),
});
export type Toy = v.InferOutput<typeof Toy>;

const hasUniqueToyNames = (toys: Toy[]): boolean =>
  new Set(toys.map((toy) => normalizeToyName(toy.name))).size === toys.length;

/** The body of POST and PUT /letters: what a child writes to Santa. */
export const Letter = v.strictObject({
  child: Child,
  toys: v.pipe(
    v.array(Toy, 'toys must be an array'),
    v.minLength(1, 'a letter asks for at least one toy'),
    v.maxLength(LETTER_LIMITS.maxToys, `a letter asks for at most ${LETTER_LIMITS.maxToys} toys`),
    v.check(hasUniqueToyNames, 'toy names must be unique within a letter'),
  ),
  message: v.optional(text({ what: 'message', max: LETTER_LIMITS.messageLength, trimmed: false, lines: true })),
});
export type Letter = v.InferOutput<typeof Letter>;

/** A letter as the read side shows it. */
export const LetterView = v.strictObject({
  letterId: v.string(),
  child: Child,
  toys: v.array(Toy),
  message: v.nullable(v.string()),
  status: v.picklist(['active', 'withdrawn']),
  submittedAt: v.string(),
  updatedAt: v.string(),
});
export type LetterView = v.InferOutput<typeof LetterView>;
