import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseChild } from '../../handlers/erase-child/erase-child.js';
import { submitLetter } from '../../handlers/submit-letter/submit-letter.js';
import { createLogger } from '../lambda/logger.js';
import { aCommandQuota } from '../testing/command-quota.js';
import { anIdempotencyStore, startDynalite, type RunningDynalite } from '../testing/dynalite.js';
import { commandDependencies, recordingPublisher } from '../testing/fakes.js';
import { ANOTHER_FAMILY_CALLER, httpEvent, type HttpEventOptions } from '../testing/http-event.js';
import { lambdaContext } from '../testing/lambda-context.js';
import { letterBody } from '../testing/letter-bodies.js';
import { httpHandler, jsonHttpHandler } from './middleware.js';

let dynamo: RunningDynalite;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo.stop();
});

const logger = createLogger('quota-test', 'SILENT');
const context = lambdaContext('submit-letter');
const setUp = async (limit: number) => {
  // 18:00:45: 15 seconds to the next window.
  const clock = { now: new Date('2026-12-24T18:00:45.000Z') };
  const publisher = recordingPublisher();
  const deps = commandDependencies({
    publish: publisher.publish,
    idempotency: await anIdempotencyStore(dynamo),
    takeQuota: (await aCommandQuota(dynamo, { limit, now: () => clock.now })).takeQuota,
  });
  const submit = jsonHttpHandler(logger, submitLetter(deps));
  const erase = httpHandler(logger, eraseChild(deps));
  return {
    clock,
    published: publisher.published,
    submit: (options: HttpEventOptions = {}) => submit(httpEvent({ body: letterBody(), ...options }), context),
    erase: (childId: string) =>
      erase(httpEvent({ method: 'DELETE', route: '/children/{childId}', pathParameters: { childId } }), context),
  };
};

describe('the command quota', () => {
  it('answers 429 TOO_MANY_REQUESTS with Retry-After past the limit, over all command routes, and publishes nothing for it', async () => {
    const { submit, erase, published } = await setUp(2);

    const accepted = [await submit(), await erase('lotta-2019')];
    const refused = [await submit(), await erase('lotta-2019')];

    expect(accepted.map((answer) => (answer as { statusCode: number }).statusCode)).toEqual([202, 202]);
    for (const answer of refused) {
      expect(answer).toEqual({
        statusCode: 429,
        headers: { 'content-type': 'application/json', 'retry-after': '15', 'x-correlation-id': expect.any(String) },
        body: JSON.stringify({ error: { code: 'TOO_MANY_REQUESTS', message: 'this account sent its 2 commands of this minute; retry in 15 s' } }),
      });
    }
    expect(published.map((event) => event.type)).toEqual(['LetterSubmitted', 'ChildErased']);
  });

  it('leaves another account its own quota', async () => {
    const { submit } = await setUp(1);

    await submit();
    const other = await submit({ caller: ANOTHER_FAMILY_CALLER });

    expect(other).toMatchObject({ statusCode: 202 });
  });

  it('takes nothing for a replay of an Idempotency-Key: the replay answers the first answer even with the quota spent', async () => {
    const { submit, published } = await setUp(1);
    const keyed = { headers: { 'idempotency-key': 'letter-1' } };

    const first = await submit(keyed);
    const replay = await submit(keyed);
    const fresh = await submit();

    expect(replay).toEqual(first);
    expect(fresh).toMatchObject({ statusCode: 429 });
    expect(published).toHaveLength(1);
  });

  it('keeps no idempotency record for a refused command, so its retry with the same key in the next minute is accepted', async () => {
    const { submit, published, clock } = await setUp(1);

    await submit();
    const refused = await submit({ headers: { 'idempotency-key': 'letter-2' } });
    clock.now = new Date('2026-12-24T18:01:00.000Z');
    const retried = await submit({ headers: { 'idempotency-key': 'letter-2' } });

    expect([refused, retried]).toMatchObject([{ statusCode: 429 }, { statusCode: 202 }]);
    expect(published).toHaveLength(2);
  });
});
