import type { AnalyticsSummary, TopToy } from '../shared/domain/ports.js';
import { normalizeToyName } from '../shared/domain/toy-name.js';
import type { LetterBody } from './workload-plan.js';
import type { LetterOutcome } from './workload.js';

/** What GET /letters/{letterId} must show for one letter, judged from the commands accepted for it. */
export interface ExpectedView {
  letterId: string;
  status: 'active' | 'withdrawn';
  child: LetterBody['child'];
  toys: LetterBody['toys'];
  message: string | null;
}

/** One letter the accepted commands produced, keyed by the id its 202 answered: its owner and its view. */
export interface ExpectedLetter {
  owner: string;
  view: ExpectedView;
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
    const view: ExpectedView = {
      letterId: outcome.letterId,
      status: last.kind === 'withdraw' ? 'withdrawn' : 'active',
      child: content.body.child,
      toys: content.body.toys,
      message: content.body.message ?? null,
    };
    return [{ owner: outcome.plan.family, view }];
  });

// PostgreSQL sorts these with COLLATE "C": by code point, as < does for these ASCII names.
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** GET /analytics/summary as it must read for these letters. */
export const expectedSummary = (letters: readonly ExpectedLetter[]): AnalyticsSummary => {
  const activeLetters = letters.filter(({ view }) => view.status === 'active');
  const active = activeLetters.map(({ view }) => view);
  const quantityOf = (letter: ExpectedView) => letter.toys.reduce((sum, toy) => sum + toy.quantity, 0);
  const countries = new Map<string, { letters: number; quantity: number }>();
  for (const letter of active) {
    const country = countries.get(letter.child.country) ?? { letters: 0, quantity: 0 };
    countries.set(letter.child.country, { letters: country.letters + 1, quantity: country.quantity + quantityOf(letter) });
  }
  return {
    letters: { active: active.length, withdrawn: letters.length - active.length },
    // A child is an account's child: two families may use the same child id.
    children: new Set(activeLetters.map(({ owner, view }) => JSON.stringify([owner, view.child.id]))).size,
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
  for (const { view: letter } of letters) {
    if (letter.status !== 'active' || (country !== undefined && letter.child.country !== country)) continue;
    for (const toy of letter.toys) {
      const key = normalizeToyName(toy.name);
      const total = toys.get(key) ?? { toy: key, quantity: 0, letters: 0 };
      toys.set(key, { toy: key, quantity: total.quantity + toy.quantity, letters: total.letters + 1 });
    }
  }
  return [...toys.values()].sort((a, b) => b.quantity - a.quantity || byCodePoint(a.toy, b.toy)).slice(0, limit);
};

/** One account's child erased by DELETE /children/{childId}. */
export interface ErasedChild {
  owner: string;
  childId: string;
}

/**
 * The letters erasures answered before any later command was sent must have removed
 * (domain/erasure.ts): those of the account with an accepted submit or amend naming an erased
 * child. Letters with an unanswered command are left out, as in expectedLetters.
 */
export const erasedLetterIdsOf = (outcomes: readonly LetterOutcome[], erased: readonly ErasedChild[]): Set<string> =>
  new Set(
    outcomes.flatMap((outcome) => {
      if (outcome.letterId === undefined || outcome.unanswered) return [];
      const named = outcome.accepted.some(
        (command) => command.kind !== 'withdraw' && erased.some(({ owner, childId }) => owner === outcome.plan.family && childId === command.body.child.id),
      );
      return named ? [outcome.letterId] : [];
    }),
  );
