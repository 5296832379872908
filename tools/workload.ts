import type { Random } from '../local/faults.js';
import { bearer } from '../local/identity/token-client.js';
import type { LetterPlan, PlannedCommand } from './workload-plan.js';

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

export interface RunOptions {
  concurrency: number;
  /** Probability that a client sends a submit again with the same Idempotency-Key (a lost answer). */
  retryRate: number;
  random: Random;
  /** Each family's access token (see familyTokens in local/identity/token-client.ts). */
  tokens: Record<string, string>;
  onExchange?: (exchange: Exchange) => void;
}

/** Runs against baseUrl; rejects on any answer other than 202, since a valid command must be accepted. */
export class UnexpectedAnswerError extends Error {
  override name = 'UnexpectedAnswerError';
}

// Long enough to outlast an in-progress record of a function killed mid-request (its timeout).
const IN_PROGRESS_RETRIES = 40;
const IN_PROGRESS_WAIT_MS = 250;

const send = async (baseUrl: string, command: PlannedCommand, letterId: string | undefined, key: string, token: string) => {
  const method = command.kind === 'submit' ? 'POST' : command.kind === 'amend' ? 'PUT' : 'DELETE';
  const path = command.kind === 'submit' ? '/letters' : `/letters/${letterId}`;
  const headers: Record<string, string> = { ...bearer(token), ...(command.kind === 'withdraw' ? {} : { 'content-type': 'application/json' }) };
  if (command.kind === 'submit') headers['idempotency-key'] = key;
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(command.kind === 'withdraw' ? {} : { body: JSON.stringify(command.body) }) });
    const text = await response.text();
    // 409: the first request with this Idempotency-Key is still running (or died mid-way, until its
    // in-progress record expires); a client waits and sends it again.
    if (response.status === 409 && attempt < IN_PROGRESS_RETRIES) {
      await new Promise((resolve) => setTimeout(resolve, IN_PROGRESS_WAIT_MS));
      continue;
    }
    return { status: response.status, body: text ? (JSON.parse(text) as { letterId?: string }) : {} };
  }
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
  const untokened = plans.find((plan) => !options.tokens[plan.family]);
  if (untokened) throw new Error(`no token for ${untokened.family}`);
  const outcomes: LetterOutcome[] = previous ?? plans.map((plan) => ({ plan, accepted: [], done: 0 }));
  for (const outcome of outcomes) delete outcome.unanswered;
  const retries = plans.map(() => !previous && options.random() < options.retryRate);
  let next = 0;

  const exchange = async (outcome: LetterOutcome, command: PlannedCommand) => {
    const started = performance.now();
    const { status, body } = await send(baseUrl, command, outcome.letterId, outcome.plan.idempotencyKey, options.tokens[outcome.plan.family]!);
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
