import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anIdempotencyStore, startDynalite, type RunningDynalite } from '../shared/testing/dynalite.js';
import { commandDependencies, inMemoryEventLog, inMemoryLetters, recordingPublisher } from '../shared/testing/fakes.js';
import { ANOTHER_FAMILY_CALLER, FAMILY_CALLER, httpEvent, parsedHttpEvent, type Caller } from '../shared/testing/http-event.js';
import { lambdaContext } from '../shared/testing/lambda-context.js';
import { letterBody } from '../shared/testing/letter-bodies.js';
import { amendLetter } from './amend-letter/amend-letter.js';
import { getLetter } from './get-letter/get-letter.js';
import { letterHistory } from './letter-history/letter-history.js';
import { listChildLetters } from './list-child-letters/list-child-letters.js';
import { submitLetter } from './submit-letter/submit-letter.js';
import { withdrawLetter } from './withdraw-letter/withdraw-letter.js';

/*
 * Whatever another account sends (new letters with the same child ids and Idempotency-Keys,
 * amendments and withdrawals of this account's letter ids, retries), nothing this account
 * can see changes: its letters, its children's lists and its letters' histories.
 */
let dynamo: RunningDynalite;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo.stop();
});

const context = lambdaContext('ownership');
const CHILDREN = ['lotta-2019', 'emil-2018'];
const KEYS = ['1', 'letter-1', 'letter-2'];

const aSystem = async () => {
  const publisher = recordingPublisher();
  // One clock and id source for the three functions, so event ids never repeat; a store each.
  const shared = commandDependencies({ publish: publisher.publish, idempotency: await anIdempotencyStore(dynamo) });
  const store = async () => ({ ...shared, idempotency: await anIdempotencyStore(dynamo) });
  const [submit, amend, withdraw] = [submitLetter(await store()), amendLetter(await store()), withdrawLetter(await store())];
  const letters = inMemoryLetters();
  const eventLog = inMemoryEventLog();
  const reads = { get: getLetter({ letters }), list: listChildLetters({ letters }), history: letterHistory({ eventLog }) };
  const route = '/letters/{letterId}';
  const send = async (request: () => Promise<unknown>) => {
    const before = publisher.published.length;
    const response = (await request().catch((error: unknown) => error)) as APIGatewayProxyStructuredResultV2;
    const fresh = publisher.published.slice(before);
    await letters.apply(fresh);
    await eventLog.apply(fresh);
    return response;
  };
  const body = (childId: string, toy: string) => letterBody({ child: { id: childId, name: 'Lotta', age: 7, country: 'SE' }, toys: [{ name: toy, quantity: 1 }] });
  const keyed = (key: string | undefined) => (key === undefined ? {} : { 'idempotency-key': key });
  return {
    post: (caller: Caller, childId: string, toy: string, key?: string) =>
      send(() => submit(parsedHttpEvent({ caller, body: body(childId, toy), headers: keyed(key) }), context)),
    put: (caller: Caller, letterId: string, childId: string, toy: string, key?: string) =>
      send(() => amend(parsedHttpEvent({ caller, method: 'PUT', route, pathParameters: { letterId }, body: body(childId, toy), headers: keyed(key) }), context)),
    delete: (caller: Caller, letterId: string, key?: string) =>
      send(() => withdraw(httpEvent({ caller, method: 'DELETE', route, pathParameters: { letterId }, headers: keyed(key) }), context)),
    /** Everything a caller can read about the given letters and children. */
    seenBy: async (caller: Caller, letterIds: string[]) => {
      const answer = (response: unknown) => {
        const { statusCode, body: text } = response as APIGatewayProxyStructuredResultV2;
        return { statusCode, body: text };
      };
      const read = (fn: (event: APIGatewayProxyEventV2) => Promise<unknown>, event: APIGatewayProxyEventV2) => fn(event).then(answer, answer);
      return {
        letters: await Promise.all(letterIds.map((letterId) => read(reads.get, httpEvent({ caller, method: 'GET', route, pathParameters: { letterId } })))),
        histories: await Promise.all(
          letterIds.map((letterId) => read(reads.history, httpEvent({ caller, method: 'GET', route: `${route}/history`, pathParameters: { letterId } }))),
        ),
        lists: await Promise.all(
          CHILDREN.map((childId) => read(reads.list, httpEvent({ caller, method: 'GET', route: '/children/{childId}/letters', pathParameters: { childId } }))),
        ),
      };
    },
  };
};

const letterIdOf = (response: unknown) => JSON.parse((response as { body: string }).body).letterId as string;

/** One command of the other account: against this account's letters (by index) or its own. */
const otherCommand = fc.oneof(
  fc.record({ kind: fc.constant('post' as const), child: fc.constantFrom(...CHILDREN), toy: fc.constantFrom('Kite', 'Drum'), key: fc.option(fc.constantFrom(...KEYS), { nil: undefined }) }),
  fc.record({ kind: fc.constant('put' as const), target: fc.nat(), child: fc.constantFrom(...CHILDREN), toy: fc.constantFrom('Kite', 'Drum'), key: fc.option(fc.constantFrom(...KEYS), { nil: undefined }) }),
  fc.record({ kind: fc.constant('delete' as const), target: fc.nat(), key: fc.option(fc.constantFrom(...KEYS), { nil: undefined }) }),
);

describe('ownership across all letter routes', () => {
  it("lets no sequence of another account's commands change anything this account can see", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(otherCommand, { minLength: 1, maxLength: 8 }), async (commands) => {
        const system = await aSystem();
        const mine = [
          letterIdOf(await system.post(FAMILY_CALLER, 'lotta-2019', 'Wooden train', '1')),
          letterIdOf(await system.post(FAMILY_CALLER, 'emil-2018', 'Sledge', 'letter-1')),
        ];
        await system.put(FAMILY_CALLER, mine[0]!, 'lotta-2019', 'Red bicycle');
        const before = await system.seenBy(FAMILY_CALLER, mine);
        const theirs: string[] = [];

        const statuses: number[] = [];
        for (const command of commands) {
          const targets = [...mine, ...theirs];
          const target = 'target' in command ? targets[command.target % targets.length]! : '';
          const response =
            command.kind === 'post'
              ? await system.post(ANOTHER_FAMILY_CALLER, command.child, command.toy, command.key)
              : command.kind === 'put'
                ? await system.put(ANOTHER_FAMILY_CALLER, target, command.child, command.toy, command.key)
                : await system.delete(ANOTHER_FAMILY_CALLER, target, command.key);
          if (command.kind === 'post' && response.statusCode === 202) theirs.push(letterIdOf(response));
          if (mine.includes(target)) statuses.push(response.statusCode ?? 0);
        }

        expect(await system.seenBy(FAMILY_CALLER, mine)).toEqual(before);
        expect(theirs.some((id) => mine.includes(id))).toBe(false);
        // Every command aimed at this account's letters was answered 404 (or 422/409 for a reused key), never 202.
        expect(statuses.every((status) => [404, 409, 422].includes(status))).toBe(true);
      }),
      { seed: 1225, numRuns: 30 },
    );
  });
});
