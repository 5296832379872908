import { unlimitedQuota } from '../shared/testing/fakes.js';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { submitLetter } from '../handlers/submit-letter/submit-letter.js';
import type { CommandDependencies } from '../shared/http/commands.js';
import { createIdempotencyStore } from '../shared/adapters/idempotency-store.js';
import { createLetterIds, generateLetterIdKeySet } from '../shared/domain/letter-ids.js';
import { systemIdsAndClock } from '../shared/domain/ids.js';
import { createLogger } from '../shared/lambda/logger.js';
import { jsonHttpHandler, type JsonHttpEvent } from '../shared/http/middleware.js';
import { httpEvent, parsedHttpEvent } from '../shared/testing/http-event.js';
import { lambdaContext } from '../shared/testing/lambda-context.js';
import { letterBody } from '../shared/testing/letter-bodies.js';
import { shuffle, spreadOf, type Spread } from './stats.js';

/** Microseconds per invocation: through the Middy stack, bare, and the difference (paired per round). */
export interface MiddyOverhead {
  overheadUs: Spread;
  wrappedUs: Spread;
  bareUs: Spread;
  invocations: number;
  rounds: number;
}

const usPerCall = async (calls: number, invoke: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  for (let i = 0; i < calls; i++) await invoke();
  return ((performance.now() - started) * 1000) / calls;
};

/**
 * The Middy stack's cost per request (logger context, correlation, 413/415 checks, JSON body
 * parsing, error mapping) over calling submitLetter's plain function with a parsed body.
 * Both sides validate the letter and build the event; publishing is a no-op, logging silent.
 */
export const measureMiddyOverhead = async ({ invocations = 100_000, rounds = 100 } = {}): Promise<MiddyOverhead> => {
  // Requests without an Idempotency-Key never reach the idempotency store.
  const deps: CommandDependencies = {
    publish: async () => {},
    idsAndClock: systemIdsAndClock,
    letterIds: createLetterIds(generateLetterIdKeySet()),
    idempotency: createIdempotencyStore({ tableName: 'unused', clientConfig: { region: 'eu-north-1' } }),
    takeQuota: unlimitedQuota,
  };
  const bare = submitLetter(deps);
  const wrapped = jsonHttpHandler(createLogger('bench', 'SILENT'), submitLetter(deps));
  const context = lambdaContext('submit-letter');
  const body = letterBody();
  const raw: APIGatewayProxyEventV2 = httpEvent({ body });
  const parsed: JsonHttpEvent = parsedHttpEvent({ body });
  // The body parser replaces event.body, so every call gets a fresh shallow copy, on both sides alike.
  const variants = {
    wrapped: () => wrapped({ ...raw }, context),
    bare: () => bare({ ...parsed }),
  };
  const perRound = Math.ceil(invocations / rounds);
  for (const invoke of Object.values(variants)) await usPerCall(10_000, invoke); // JIT warm-up
  const samples = { wrapped: [] as number[], bare: [] as number[], overhead: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const times: Record<string, number> = {};
    for (const [name, invoke] of shuffle(Object.entries(variants))) times[name] = await usPerCall(perRound, invoke);
    samples.wrapped.push(times.wrapped as number);
    samples.bare.push(times.bare as number);
    samples.overhead.push((times.wrapped as number) - (times.bare as number));
  }
  return {
    overheadUs: spreadOf(samples.overhead),
    wrappedUs: spreadOf(samples.wrapped),
    bareUs: spreadOf(samples.bare),
    invocations: perRound * rounds,
    rounds,
  };
};
