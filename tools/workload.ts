import type * as v from 'valibot';
import type { Random } from '../local/faults.js';
import type { Letter } from '../shared/domain/letter.js';

/** The body of a letter command, as a client sends it (the workload sends it already normalised). */
export type LetterBody = v.InferInput<typeof Letter>;

/** One command a client sends about a letter. */
export type PlannedCommand = { kind: 'submit'; body: LetterBody } | { kind: 'amend'; body: LetterBody } | { kind: 'withdraw' };

/** Everything one client does to one letter, in order: a submit, then amends and withdrawals. */
export interface LetterPlan {
  idempotencyKey: string;
  commands: PlannedCommand[];
}

/** What happened to one letter's commands. */
export interface LetterOutcome {
  plan: LetterPlan;
  /** Set once the submit was accepted. */
  letterId?: string;
  /** Commands answered 202, in the order sent (a client retry counts once more). */
  accepted: PlannedCommand[];
  /** Commands of the plan answered 202 so far; a resumed run goes on from here. */
  done: number;
  /** A command whose outcome is unknown (no answer): the letter's later commands were not sent. */
  unanswered?: PlannedCommand;
}

/** One HTTP exchange, for latency and error statistics. */
export interface Exchange {
  kind: PlannedCommand['kind'];
  status: number;
  latencyMs: number;
}

const COUNTRIES = ['SE', 'GB', 'DE', 'FI', 'NO', 'FR'];
const TOYS = Array.from({ length: 24 }, (_, i) => `Toy ${String.fromCharCode(65 + i)}`);

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const aBody = (random: Random, childCount: number): LetterBody => {
  const child = Math.floor(random() * childCount);
  const toyCount = 1 + Math.floor(random() * 3);
  const toys = [...new Set(Array.from({ length: toyCount }, () => pick(random, TOYS)))];
  return {
    // A child keeps one name, age and country, as a real child would across letters.
    child: { id: `child-${child}`, name: `Child ${child}`, age: child % 18, country: COUNTRIES[child % COUNTRIES.length]! },
    toys: toys.map((name) => ({ name, quantity: 1 + Math.floor(random() * 9) })),
    ...(random() < 0.5 ? { message: `Dear Santa, letter ${Math.floor(random() * 1e6)}` } : {}),
  };
};

/**
 * A seeded plan of letters: each is submitted, then gets up to maxFollowUps amends and
 * withdrawals (an amend after a withdrawal re-activates the letter, as the contract allows).
 */
export const planWorkload = ({ letters, seed, random, maxFollowUps = 4, childCount = Math.max(1, Math.floor(letters / 8)) }: {
  letters: number;
  seed: number;
  random: Random;
  maxFollowUps?: number;
  childCount?: number;
}): LetterPlan[] =>
  Array.from({ length: letters }, (_, i) => {
    const followUps = Math.floor(random() * (maxFollowUps + 1));
    const commands: PlannedCommand[] = [{ kind: 'submit', body: aBody(random, childCount) }];
    for (let f = 0; f < followUps; f += 1) {
      commands.push(random() < 0.7 ? { kind: 'amend', body: aBody(random, childCount) } : { kind: 'withdraw' });
    }
    return { idempotencyKey: `workload-${seed}-${i}`, commands };
  });

/** How many commands a plan sends, retries aside. */
export const commandCount = (plans: readonly LetterPlan[]): number => plans.reduce((sum, plan) => sum + plan.commands.length, 0);

export interface RunOptions {
  concurrency: number;
  /** Probability that a client sends a submit again with the same Idempotency-Key (a lost answer). */
  retryRate: number;
  random: Random;
  onExchange?: (exchange: Exchange) => void;
}

/** Runs against baseUrl; rejects on any answer other than 202, since a valid command must be accepted. */
export class UnexpectedAnswerError extends Error {
  override name = 'UnexpectedAnswerError';
}

const send = async (baseUrl: string, command: PlannedCommand, letterId: string | undefined, key: string) => {
  const method = command.kind === 'submit' ? 'POST' : command.kind === 'amend' ? 'PUT' : 'DELETE';
  const path = command.kind === 'submit' ? '/letters' : `/letters/${letterId}`;
  const headers: Record<string, string> = command.kind === 'withdraw' ? {} : { 'content-type': 'application/json' };
  if (command.kind === 'submit') headers['idempotency-key'] = key;
  const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(command.kind === 'withdraw' ? {} : { body: JSON.stringify(command.body) }) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as { letterId?: string }) : {} };
};

// The server stamps occurredAt in ms; waiting for the next ms after an answer keeps a letter's
// events in the order its client sent them, so "last sent" and "last writer" agree.
const nextMillisecond = async (after: number) => {
  while (Date.now() <= after) await new Promise((resolve) => setTimeout(resolve, 1));
};

/**
 * Sends every plan's commands: letters concurrently, each letter's commands one after the
 * other. A command without an answer (the server went away) ends that letter's plan for now;
 * given the outcomes of such a run, it resumes each letter with that command, as a client
 * retrying after an outage would (a submit with the same Idempotency-Key names the same letter).
 */
export const runWorkload = async (
  baseUrl: string,
  plans: readonly LetterPlan[],
  options: RunOptions,
  previous?: LetterOutcome[],
): Promise<LetterOutcome[]> => {
  const outcomes: LetterOutcome[] = previous ?? plans.map((plan) => ({ plan, accepted: [], done: 0 }));
  for (const outcome of outcomes) delete outcome.unanswered;
  const retries = plans.map(() => !previous && options.random() < options.retryRate);
  let next = 0;

  const exchange = async (outcome: LetterOutcome, command: PlannedCommand) => {
    const started = performance.now();
    const { status, body } = await send(baseUrl, command, outcome.letterId, outcome.plan.idempotencyKey);
    options.onExchange?.({ kind: command.kind, status, latencyMs: performance.now() - started });
    if (status !== 202) throw new UnexpectedAnswerError(`${command.kind} answered ${status}: ${JSON.stringify(body)}`);
    if (command.kind === 'submit') {
      if (body.letterId === undefined) throw new UnexpectedAnswerError('a submit was accepted without a letterId');
      if (outcome.letterId !== undefined && body.letterId !== outcome.letterId) {
        throw new UnexpectedAnswerError(`a retried submit named letter ${body.letterId}, not ${outcome.letterId}`);
      }
      outcome.letterId = body.letterId;
    }
    outcome.accepted.push(command);
    await nextMillisecond(Date.now());
  };

  const runLetter = async (index: number) => {
    const outcome = outcomes[index]!;
    const planned = outcome.plan.commands.slice(outcome.done).map((command) => ({ command, counts: true }));
    const sequence = retries[index] ? [{ command: outcome.plan.commands[0]!, counts: false }, ...planned] : planned;
    for (const { command, counts } of sequence) {
      try {
        await exchange(outcome, command);
        if (counts) outcome.done += 1;
      } catch (error) {
        if (error instanceof UnexpectedAnswerError) throw error;
        outcome.unanswered = command;
        return;
      }
    }
  };

  const worker = async () => {
    while (next < plans.length) await runLetter(next++);
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, plans.length) }, worker));
  return outcomes;
};
