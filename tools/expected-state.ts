import type { AnalyticsSummary, TopToy } from '../shared/domain/ports.js';
import { normalizeToyName } from '../shared/domain/toy-name.js';
import type { LetterBody, LetterOutcome } from './workload.js';

/** What the read side must show for one letter, judged from the commands accepted for it. */
export interface ExpectedLetter {
  letterId: string;
  status: 'active' | 'withdrawn';
  child: LetterBody['child'];
  toys: LetterBody['toys'];
  message: string | null;
}

/**
 * The letters the accepted commands must have produced: content from the last accepted
 * submit/amend, status from the last accepted command. Letters with an unanswered command are
 * left out (whether that command took effect is unknown), as are letters never accepted.
 */
export const expectedLetters = (outcomes: readonly LetterOutcome[]): ExpectedLetter[] =>
  outcomes.flatMap((outcome) => {
    if (outcome.letterId === undefined || outcome.unanswered) return [];
    const last = outcome.accepted.at(-1)!;
    const content = outcome.accepted.findLast((command) => command.kind !== 'withdraw');
    if (!content) return [];
    return [
      {
        letterId: outcome.letterId,
        status: last.kind === 'withdraw' ? 'withdrawn' : 'active',
        child: content.body.child,
        toys: content.body.toys,
        message: content.body.message ?? null,
      },
    ];
  });

// PostgreSQL sorts these with COLLATE "C": by code point, as < does for these ASCII names.
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** GET /analytics/summary as it must read for these letters. */
export const expectedSummary = (letters: readonly ExpectedLetter[]): AnalyticsSummary => {
  const active = letters.filter((letter) => letter.status === 'active');
  const quantityOf = (letter: ExpectedLetter) => letter.toys.reduce((sum, toy) => sum + toy.quantity, 0);
  const countries = new Map<string, { letters: number; quantity: number }>();
  for (const letter of active) {
    const country = countries.get(letter.child.country) ?? { letters: 0, quantity: 0 };
    countries.set(letter.child.country, { letters: country.letters + 1, quantity: country.quantity + quantityOf(letter) });
  }
  return {
    letters: { active: active.length, withdrawn: letters.length - active.length },
    children: new Set(active.map((letter) => letter.child.id)).size,
    toys: {
      distinct: new Set(active.flatMap((letter) => letter.toys.map((toy) => normalizeToyName(toy.name)))).size,
      quantity: active.reduce((sum, letter) => sum + quantityOf(letter), 0),
    },
    countries: [...countries.entries()]
      .map(([country, totals]) => ({ country, ...totals }))
      .sort((a, b) => b.letters - a.letters || byCodePoint(a.country, b.country)),
  };
};

/** GET /analytics/toys/top as it must read for these letters. */
export const expectedTopToys = (letters: readonly ExpectedLetter[], { limit, country }: { limit: number; country?: string }): TopToy[] => {
  const toys = new Map<string, TopToy>();
  for (const letter of letters) {
    if (letter.status !== 'active' || (country !== undefined && letter.child.country !== country)) continue;
    for (const toy of letter.toys) {
      const key = normalizeToyName(toy.name);
      const total = toys.get(key) ?? { toy: key, quantity: 0, letters: 0 };
      toys.set(key, { toy: key, quantity: total.quantity + toy.quantity, letters: total.letters + 1 });
    }
  }
  return [...toys.values()].sort((a, b) => b.quantity - a.quantity || byCodePoint(a.toy, b.toy)).slice(0, limit);
};
