import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdempotencyStore } from '../adapters/idempotency-store.js';
import { idempotencyTableDefinition } from '../adapters/idempotency-table.js';
import { startDynalite, type RunningDynalite } from '../testing/dynalite.js';
import { lambdaContext } from '../testing/lambda-context.js';
import { IDEMPOTENCY_WINDOW_SECONDS, runOnce, type KeyedRequest } from './command-idempotency.js';

let dynamo: RunningDynalite;
let tables = 0;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo.stop();
});

const aTable = async () => {
  const tableName = `idempotency-${++tables}`;
  await dynamo.createTable(idempotencyTableDefinition(tableName));
  return { tableName, store: createIdempotencyStore({ tableName, clientConfig: dynamo.clientConfig }) };
};
const request = (overrides: Partial<KeyedRequest> = {}): KeyedRequest => ({
  route: 'POST /letters',
  accountId: 'family-1',
  idempotencyKey: 'key-1',
  payload: { letter: 1 },
  ...overrides,
});
const context = lambdaContext('submit-letter');

describe('runOnce', () => {
  it('keeps one completed record per route, account and key, named by the route, expiring after 24 hours', async () => {
    const { tableName, store } = await aTable();
    let runs = 0;
    const work = async () => ({ run: ++runs });
    const started = Math.floor(Date.now() / 1000);

    const answers = [];
    for (const keyed of [request(), request(), request({ accountId: 'family-2' }), request({ route: 'PUT /letters/{letterId}' }), request({ idempotencyKey: 'key-2' })]) {
      answers.push(await runOnce(store, keyed, context, work));
    }

    const { Items = [] } = await dynamo.client.send(new ScanCommand({ TableName: tableName }));
    expect(answers).toEqual([{ run: 1 }, { run: 1 }, { run: 2 }, { run: 3 }, { run: 4 }]);
    expect(Items).toHaveLength(4);
    expect(Items.map((item) => String(item['id']).split('#')[0]).sort()).toEqual(['POST /letters', 'POST /letters', 'POST /letters', 'PUT /letters/{letterId}']);
    for (const item of Items) {
      expect(item).toMatchObject({ status: 'COMPLETED' });
      expect(Number(item['expiration']) - started).toBeGreaterThanOrEqual(IDEMPOTENCY_WINDOW_SECONDS);
      expect(Number(item['expiration']) - started).toBeLessThanOrEqual(IDEMPOTENCY_WINDOW_SECONDS + 60);
    }
  });

  it('answers 422 for another payload under the same key, and runs nothing', async () => {
    const { store } = await aTable();
    let runs = 0;
    await runOnce(store, request(), context, async () => ++runs);

    const reused = await runOnce(store, request({ payload: { letter: 2 } }), context, async () => ++runs).catch((e: unknown) => e);

    expect(reused).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(runs).toBe(1);
  });

  it('keeps no record of a run that failed, so its retry runs', async () => {
    const { tableName, store } = await aTable();

    await expect(runOnce(store, request(), context, async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    const { Items = [] } = await dynamo.client.send(new ScanCommand({ TableName: tableName }));

    expect(Items).toEqual([]);
    expect(await runOnce(store, request(), context, async () => 'ran')).toBe('ran');
  });

  it('fails loudly, running nothing, when the idempotency table cannot be reached', async () => {
    const store = createIdempotencyStore({ tableName: 'no-such-table', clientConfig: dynamo.clientConfig });
    let runs = 0;

    await expect(runOnce(store, request(), context, async () => ++runs)).rejects.toThrow();
    expect(runs).toBe(0);
  });
});
