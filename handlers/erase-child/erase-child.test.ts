import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWriteVersion } from '../../shared/domain/write-version.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { httpHandler } from '../../shared/http/middleware.js';
import { anIdempotencyStore, startDynalite, type RunningDynalite } from '../../shared/testing/dynalite.js';
import { commandDependencies, recordingPublisher } from '../../shared/testing/fakes.js';
import { ANOTHER_FAMILY_CALLER, ELF_CALLER, httpEvent, type HttpEventOptions } from '../../shared/testing/http-event.js';
import { lambdaContext } from '../../shared/testing/lambda-context.js';
import { A_FAMILY, ANOTHER_FAMILY } from '../../shared/testing/letters.js';
import { eraseChild } from './erase-child.js';

let dynamo: RunningDynalite;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo.stop();
});

const route = '/children/{childId}';
const context = lambdaContext('erase-child');
const setUp = async () => {
  const { publish, published } = recordingPublisher();
  const deps = commandDependencies({ publish, idempotency: await anIdempotencyStore(dynamo) });
  const handler = (options: HttpEventOptions = {}) =>
    eraseChild(deps)(httpEvent({ method: 'DELETE', route, pathParameters: { childId: 'lotta-2019' }, requestId: 'req-9', ...options }), context);
  return { handler, published };
};

describe('eraseChild', () => {
  it('answers 202 and publishes ChildErased carrying only the account and the child id', async () => {
    const { handler, published } = await setUp();

    const response = await handler();

    expect(response).toEqual({
      statusCode: 202,
      headers: { 'content-type': 'application/json' },
      body: expect.any(String),
    });
    const { version, ...body } = JSON.parse((response as { body: string }).body);
    expect(body).toEqual({ childId: 'lotta-2019', status: 'accepted' });
    expect(decodeWriteVersion(version)).toEqual({ type: 'ChildErased', childId: 'lotta-2019', occurredAt: published[0]!.occurredAt, eventId: published[0]!.eventId });
    expect(published).toEqual([
      {
        eventId: '00000000-0000-4000-8000-000000000001',
        type: 'ChildErased',
        schemaVersion: 2,
        ownerId: A_FAMILY,
        occurredAt: '2026-12-01T08:00:00.000Z',
        correlationId: 'req-9',
        data: { childId: 'lotta-2019' },
      },
    ]);
  });

  it("erases the caller's own child of that id: another account erasing the same id names its own", async () => {
    const { handler, published } = await setUp();

    await handler({ caller: ANOTHER_FAMILY_CALLER });

    expect(published).toMatchObject([{ type: 'ChildErased', ownerId: ANOTHER_FAMILY, data: { childId: 'lotta-2019' } }]);
  });

  it('answers 403 Forbidden for an elf and publishes nothing', async () => {
    const { handler, published } = await setUp();

    expect(await handler({ caller: ELF_CALLER })).toMatchObject({ statusCode: 403, body: '{"message":"Forbidden"}' });
    expect(published).toEqual([]);
  });

  it.each([['a child id with a slash', 'lotta/2019'], ['an empty child id', ''], ['a child id over 64 characters', 'x'.repeat(65)]])(
    'answers 400 VALIDATION_FAILED for %s and publishes nothing',
    async (_, childId) => {
      const { handler, published } = await setUp();

      const error = await handler({ pathParameters: { childId } }).catch((e: unknown) => e);

      expect(error).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(published).toEqual([]);
    },
  );

  it('publishes once for retries with the same Idempotency-Key, and answers 422 for the key on another child', async () => {
    const { handler, published } = await setUp();
    const headers = { 'idempotency-key': 'erase-1' };

    const first = await handler({ headers });
    const retry = await handler({ headers });
    const otherChild = await handler({ headers, pathParameters: { childId: 'emil-2018' } }).catch((e: unknown) => e);

    expect(retry).toEqual(first);
    expect(otherChild).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(published).toHaveLength(1);
  });

  it('answers 400 through Middy for a malformed Idempotency-Key and publishes nothing', async () => {
    const { publish, published } = recordingPublisher();
    const handler = httpHandler(createLogger('erase-child', 'SILENT'), eraseChild(commandDependencies({ publish, idempotency: await anIdempotencyStore(dynamo) })));

    const response = await handler(
      httpEvent({ method: 'DELETE', route, pathParameters: { childId: 'lotta-2019' }, headers: { 'idempotency-key': 'é' } }),
      context,
    );

    expect(response).toMatchObject({ statusCode: 400 });
    expect(published).toEqual([]);
  });
});
