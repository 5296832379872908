import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWriteVersion } from '../../shared/domain/write-version.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { httpHandler } from '../../shared/http/middleware.js';
import { anIdempotencyStore, startDynalite, type RunningDynalite } from '../../shared/testing/dynalite.js';
import { commandDependencies, recordingPublisher } from '../../shared/testing/fakes.js';
import { ANOTHER_FAMILY_CALLER, ELF_CALLER, httpEvent, type HttpEventOptions } from '../../shared/testing/http-event.js';
import { lambdaContext } from '../../shared/testing/lambda-context.js';
import { A_FAMILY, aLetterId } from '../../shared/testing/letters.js';
import { withdrawLetter } from './withdraw-letter.js';

let dynamo: RunningDynalite;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo.stop();
});

const letterId = aLetterId(1);
const route = '/letters/{letterId}';
const context = lambdaContext('withdraw-letter');
const setUp = async () => {
  const { publish, published } = recordingPublisher();
  const deps = commandDependencies({ publish, idempotency: await anIdempotencyStore(dynamo) });
  const handler = (options: HttpEventOptions = {}) =>
    withdrawLetter(deps)(httpEvent({ method: 'DELETE', route, pathParameters: { letterId }, requestId: 'req-7', ...options }), context);
  return { handler, published };
};

describe('withdrawLetter', () => {
  it('answers 202 and publishes LetterWithdrawn carrying the letter id and its owner', async () => {
    const { handler, published } = await setUp();

    const response = await handler();

    expect(response).toMatchObject({ statusCode: 202 });
    const { version, ...body } = JSON.parse((response as { body: string }).body);
    expect(body).toEqual({ letterId, status: 'accepted' });
    expect(decodeWriteVersion(version)).toEqual({ type: 'LetterWithdrawn', letterId, occurredAt: published[0]!.occurredAt, eventId: published[0]!.eventId });
    expect(published).toEqual([
      {
        eventId: '00000000-0000-4000-8000-000000000001',
        type: 'LetterWithdrawn',
        schemaVersion: 2,
        letterId,
        ownerId: A_FAMILY,
        occurredAt: '2026-12-01T08:00:00.000Z',
        correlationId: 'req-7',
        data: { letterId },
      },
    ]);
  });

  it.each([
    ["another account's letter", { caller: ANOTHER_FAMILY_CALLER }],
    ['an id never issued', { pathParameters: { letterId: 'never-issued-but-well-formed' } }],
  ])('answers 404 NOT_FOUND for %s and publishes nothing', async (_, options) => {
    const { handler, published } = await setUp();

    const error = await handler(options).catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect(published).toEqual([]);
  });

  it('answers 403 Forbidden for an elf and publishes nothing', async () => {
    const { handler, published } = await setUp();

    expect(await handler({ caller: ELF_CALLER })).toMatchObject({ statusCode: 403, body: '{"message":"Forbidden"}' });
    expect(published).toEqual([]);
  });

  it('publishes once for retries with the same Idempotency-Key, and answers 422 for the key on another letter', async () => {
    const { handler, published } = await setUp();
    const headers = { 'idempotency-key': 'withdraw-1' };

    const first = await handler({ headers });
    const retry = await handler({ headers });
    const otherLetter = await handler({ headers, pathParameters: { letterId: aLetterId(2) } }).catch((e: unknown) => e);

    expect(retry).toEqual(first);
    expect(otherLetter).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(published).toHaveLength(1);
  });

  it('answers 400 through Middy for a malformed letter id and publishes nothing', async () => {
    const { publish, published } = recordingPublisher();
    const handler = httpHandler(
      createLogger('withdraw-letter', 'SILENT'),
      withdrawLetter(commandDependencies({ publish, idempotency: await anIdempotencyStore(dynamo) })),
    );

    const response = await handler(httpEvent({ method: 'DELETE', route, pathParameters: { letterId: '../../etc' } }), context);

    expect(response).toMatchObject({ statusCode: 400 });
    expect(published).toEqual([]);
  });
});
