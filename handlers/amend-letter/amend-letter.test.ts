import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/lambda/logger.js';
import { jsonHttpHandler } from '../../shared/http/middleware.js';
import { anIdempotencyStore, startDynalite, type RunningDynalite } from '../../shared/testing/dynalite.js';
import { commandDependencies, recordingPublisher } from '../../shared/testing/fakes.js';
import { ANOTHER_FAMILY_CALLER, ELF_CALLER, httpEvent, parsedHttpEvent, type HttpEventOptions } from '../../shared/testing/http-event.js';
import { lambdaContext } from '../../shared/testing/lambda-context.js';
import { letterBody } from '../../shared/testing/letter-bodies.js';
import { A_FAMILY, aLetterId, aLetterIdOf, ANOTHER_FAMILY, TEST_LETTER_ID_KEYS, testLetterIds } from '../../shared/testing/letters.js';
import { amendLetter } from './amend-letter.js';

let dynamo: RunningDynalite;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo.stop();
});

const letterId = aLetterId(1);
const route = '/letters/{letterId}';
const context = lambdaContext('amend-letter');
const setUp = async (letterIds = testLetterIds()) => {
  const { publish, published } = recordingPublisher();
  const deps = { ...commandDependencies({ publish, idempotency: await anIdempotencyStore(dynamo) }), letterIds };
  const handler = (options: HttpEventOptions = {}) =>
    amendLetter(deps)(parsedHttpEvent({ method: 'PUT', route, pathParameters: { letterId }, body: letterBody({ toys: [{ name: 'Kite', quantity: 3 }] }), ...options }), context);
  return { handler, published };
};

describe('amendLetter', () => {
  it('answers 202 and publishes LetterAmended carrying the whole new letter and its owner', async () => {
    const { handler, published } = await setUp();

    const response = await handler();

    expect(response).toMatchObject({ statusCode: 202, headers: { location: `/letters/${letterId}` } });
    expect(published).toEqual([
      expect.objectContaining({ type: 'LetterAmended', letterId, ownerId: A_FAMILY, data: expect.objectContaining({ toys: [{ name: 'Kite', quantity: 3 }] }) }),
    ]);
  });

  it('accepts a letter id minted with an older key after the keys were rotated', async () => {
    const rotated = { current: 'k2', keys: { ...TEST_LETTER_ID_KEYS.keys, k2: Buffer.alloc(32, 2).toString('base64url') } };
    const { handler, published } = await setUp(testLetterIds(rotated));

    const response = await handler();

    expect(response).toMatchObject({ statusCode: 202 });
    expect(published).toHaveLength(1);
  });

  it.each([
    ["another account's letter", { caller: ANOTHER_FAMILY_CALLER }],
    ['an id minted for another account', { pathParameters: { letterId: aLetterIdOf(ANOTHER_FAMILY, 1) } }],
    ['an id never issued', { pathParameters: { letterId: 'never-issued-but-well-formed' } }],
    ['an id with its MAC changed', { pathParameters: { letterId: `${letterId.slice(0, -1)}${letterId.endsWith('A') ? 'B' : 'A'}` } }],
    ['an id signed with a key no longer known', { pathParameters: { letterId: testLetterIds({ current: 'old', keys: { old: Buffer.alloc(32, 9).toString('base64url') } }).fresh(A_FAMILY) } }],
  ])('answers 404 NOT_FOUND for %s and publishes nothing', async (_, options) => {
    const { handler, published } = await setUp();

    const error = await handler(options).catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect(published).toEqual([]);
  });

  it('answers 403 Forbidden for an elf, who never writes, and publishes nothing', async () => {
    const { handler, published } = await setUp();

    const response = await handler({ caller: ELF_CALLER });

    expect(response).toMatchObject({ statusCode: 403, body: '{"message":"Forbidden"}' });
    expect(published).toEqual([]);
  });

  it('answers a retry with the same Idempotency-Key and body with the first answer, and 422 for another body; publishes once', async () => {
    const { handler, published } = await setUp();
    const headers = { 'idempotency-key': 'amend-1' };

    const first = await handler({ headers });
    const retry = await handler({ headers });
    const reused = await handler({ headers, body: letterBody() }).catch((e: unknown) => e);

    expect(retry).toEqual(first);
    expect(reused).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(published).toHaveLength(1);
  });

  it.each([['not a letter id'], ['short'], ['x'.repeat(65)], ['']])('answers 400 for the letter id %j and publishes nothing', async (badId) => {
    const { handler, published } = await setUp();

    const error = await handler({ pathParameters: { letterId: badId } }).catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: 'letterId' })] });
    expect(published).toEqual([]);
  });

  it('answers 400 through Middy for an invalid letter and publishes nothing', async () => {
    const { publish, published } = recordingPublisher();
    const handler = jsonHttpHandler(
      createLogger('amend-letter', 'SILENT'),
      amendLetter(commandDependencies({ publish, idempotency: await anIdempotencyStore(dynamo) })),
    );

    const response = await handler(httpEvent({ method: 'PUT', route, pathParameters: { letterId }, body: letterBody({ child: {} }) }), context);

    expect(response).toMatchObject({ statusCode: 400 });
    expect(JSON.parse((response as { body: string }).body).error.code).toBe('VALIDATION_FAILED');
    expect(published).toEqual([]);
  });
});
