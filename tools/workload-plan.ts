import type * as v from 'valibot';
import type { Random } from '../local/faults.js';
import type { Letter } from '../shared/domain/letter.js';

/** The body of a letter command, as a client sends it (the workload sends it already normalised). */
export type LetterBody = v.InferInput<typeof Letter>;

/** One command a client sends about a letter. */
export type PlannedCommand = { kind: 'submit'; body: LetterBody } | { kind: 'amend'; body: LetterBody } | { kind: 'withdraw' };

/** Everything one client does to one letter, in order: a submit, then amends and withdrawals. */
export interface LetterPlan {
  /** The account (token sub) that sends every command of the letter. */
  family: string;
  idempotencyKey: string;
  commands: PlannedCommand[];
}

const COUNTRIES = ['SE', 'GB', 'DE', 'FI', 'NO', 'FR'];
const TOYS = Array.from({ length: 24 }, (_, i) => `Toy ${String.fromCharCode(65 + i)}`);

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

// Child ids are unique across families too, so totals read the same whether analytics counts a
// child per account or per id.
const aBody = (random: Random, childCount: number, family: string): LetterBody => {
  const child = Math.floor(random() * childCount);
  const toyCount = 1 + Math.floor(random() * 3);
  const toys = [...new Set(Array.from({ length: toyCount }, () => pick(random, TOYS)))];
  return {
    // A child keeps one name, age and country, as a real child would across letters.
    child: { id: `${family}-child-${child}`, name: `Child ${child}`, age: child % 18, country: COUNTRIES[child % COUNTRIES.length]! },
    toys: toys.map((name) => ({ name, quantity: 1 + Math.floor(random() * 9) })),
    ...(random() < 0.5 ? { message: `Dear Santa, letter ${Math.floor(random() * 1e6)}` } : {}),
  };
};

/**
 * A seeded plan of letters from a few families (letter i from family-(i mod families)): each
 * is submitted, then gets up to maxFollowUps amends and withdrawals (an amend after a
 * withdrawal re-activates the letter, as the contract allows).
 */
export const planWorkload = ({ letters, seed, random, maxFollowUps = 4, families = 4, childCount = Math.max(1, Math.floor(letters / 8 / families)) }: {
  letters: number;
  seed: number;
  random: Random;
  maxFollowUps?: number;
  /** How many accounts send the letters, each with a token of its own. */
  families?: number;
  /** Children per family. */
  childCount?: number;
}): LetterPlan[] =>
  Array.from({ length: letters }, (_, i) => {
    const family = `family-${i % families}`;
    const followUps = Math.floor(random() * (maxFollowUps + 1));
    const commands: PlannedCommand[] = [{ kind: 'submit', body: aBody(random, childCount, family) }];
    for (let f = 0; f < followUps; f += 1) {
      commands.push(random() < 0.7 ? { kind: 'amend', body: aBody(random, childCount, family) } : { kind: 'withdraw' });
    }
    return { family, idempotencyKey: `workload-${seed}-${i}`, commands };
  });

/** The families of a plan, each once. */
export const familiesOf = (plans: readonly LetterPlan[]): string[] => [...new Set(plans.map((plan) => plan.family))];

/** How many commands a plan sends, retries aside. */
export const commandCount = (plans: readonly LetterPlan[]): number => plans.reduce((sum, plan) => sum + plan.commands.length, 0);
