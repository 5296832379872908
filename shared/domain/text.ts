import * as v from 'valibot';

// The contract's text rules, in one place, for every free-text field of a letter. They run in
// the command, before anything is published: a store or queue that refuses a string (PostgreSQL
// a NUL or a lone surrogate, SQS a noncharacter or a control) would leave an accepted letter
// in a DLQ for good, and the rest are text no reader can show.

// In a u-mode pattern a pair is one code point, so only an unpaired half matches.
const LONE_SURROGATE = /\p{Surrogate}/u;
const NONCHARACTER = /\p{Noncharacter_Code_Point}/u;
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_TAB_LF_CR = /(?![\t\n\r])\p{Cc}/u;
// White space as Unicode defines it, plus the zero-width characters that print as nothing
// (ZWSP, ZWNJ, ZWJ, word joiner, BOM, Mongolian vowel separator). All are in the BMP.
const BLANK = /^[\p{White_Space}\u200B-\u200D\u2060\uFEFF\u180E]$/u;

/** The number of characters of a string as the contract counts them: code points. */
export const codePointLength = (text: string): number => {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
};

/** Removes white space and zero-width characters at both ends. */
export const trimText = (text: string): string => {
  // A scan from each end, not /[…]+$/: that pattern backtracks quadratically over a long run
  // of blanks followed by anything else, and a body may hold 64 KiB of them.
  let start = 0;
  let end = text.length;
  while (start < end && BLANK.test(text[start]!)) start += 1;
  while (end > start && BLANK.test(text[end - 1]!)) end -= 1;
  return text.slice(start, end);
};

interface TextOptions {
  /** What the field is called in messages ("toy name"). */
  what: string;
  /** Most code points allowed, after normalisation (and trimming, where trimmed). */
  max: number;
  /** Trim, then require at least one character. */
  trimmed: boolean;
  /** Tab, line feed and carriage return are allowed (a message has lines). */
  lines: boolean;
}

/**
 * A free-text field under the contract's rules: well-formed Unicode without noncharacters or
 * control characters (tab/LF/CR only where `lines`), NFC-normalised, optionally trimmed of
 * white space and zero-width characters, its length counted in code points.
 */
export const text = ({ what, max, trimmed, lines }: TextOptions) =>
  v.pipe(
    v.string(`${what} must be a string`),
    // JSON Schema counts string lengths in code points too, so the document states the rule as it is.
    v.metadata({ ...(trimmed ? { minLength: 1 } : {}), maxLength: max }),
    v.check((value) => !LONE_SURROGATE.test(value), `${what} must be well-formed Unicode (no lone surrogates)`),
    v.check((value) => !NONCHARACTER.test(value), `${what} must not contain noncharacters such as U+FFFF`),
    v.check(
      (value) => !(lines ? CONTROL_BUT_TAB_LF_CR : CONTROL).test(value),
      lines ? `${what} must not contain control characters other than tab and line breaks` : `${what} must not contain control characters`,
    ),
    v.normalize('NFC'),
    v.transform((value) => (trimmed ? trimText(value) : value)),
    v.check((value) => !trimmed || value.length > 0, `${what} must not be empty`),
    v.check((value) => codePointLength(value) <= max, `${what} must be at most ${max} characters`),
  );
