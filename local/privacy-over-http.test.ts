import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSql } from '../shared/adapters/postgres-client.js';
import { ELF_SCOPE, FAMILY_SCOPE } from './identity/token-client.js';
import { startLocalRuntime, type LocalRuntime } from './runtime.js';
import { eventually, httpClient, type HttpAnswer } from './testing/http-client.js';

/**
 * Privacy and abuse, from outside: one account's flood, what elves see of a history, and what an
 * erasure leaves in the stores of a runtime keeping its state in a DATA_DIR.
 */
let runtime: LocalRuntime;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'workshop-privacy-http-'));
  runtime = await startLocalRuntime({ port: 0, dataDir, visibilityTimeoutSeconds: 1, logLevel: 'SILENT', log: () => undefined });
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const clientFor = async (sub: string, scope: string) => httpClient(runtime.url, (await runtime.identity.mint({ sub, scope })).access_token);
const letter = (childId: string) => ({ child: { id: childId, name: 'Zelda', age: 7, country: 'SE' }, toys: [{ name: 'Kite', quantity: 1 }] });
const accepted = (answer: HttpAnswer) => answer.json as { letterId: string; version: string };
const readYourWrite = { prefer: 'wait=10' };

describe('privacy and abuse over HTTP', () => {
  it('answers part of 150 simultaneous commands of one account 429 with Retry-After, and leaves another family unaffected', async () => {
    const flooder = await clientFor('family-flood', FAMILY_SCOPE);
    const neighbour = await clientFor('family-calm', FAMILY_SCOPE);

    const [flood, calm] = await Promise.all([
      Promise.all(Array.from({ length: 150 }, (_, i) => flooder.post('/letters', letter(`flood-${i}`)))),
      Promise.all(Array.from({ length: 5 }, (_, i) => neighbour.post('/letters', letter(`calm-${i}`)))),
    ]);

    const taken = flood.filter((answer) => answer.status === 202);
    const refused = flood.filter((answer) => answer.status === 429);
    expect(taken.length + refused.length).toBe(150);
    // 60 a minute; a burst across a minute boundary may take two windows' worth.
    expect(taken.length).toBeGreaterThan(0);
    expect(taken.length).toBeLessThanOrEqual(120);
    for (const answer of refused) {
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(answer.json).toMatchObject({ error: { code: 'TOO_MANY_REQUESTS' } });
    }
    expect(calm.map((answer) => answer.status)).toEqual([202, 202, 202, 202, 202]);

    // Every 202 is readable; nothing else was published (each refused letter's child has no letters).
    for (const answer of taken) {
      const { letterId, version } = accepted(answer);
      expect((await flooder.request('GET', `/letters/${letterId}`, undefined, { 'min-version': version, ...readYourWrite })).status).toBe(200);
    }
    const children = await Promise.all(Array.from({ length: 150 }, (_, i) => flooder.get(`/children/flood-${i}/letters`)));
    expect(children.filter((page) => (page.json as { items: unknown[] }).items.length > 0)).toHaveLength(taken.length);
  });

  it("shows elves a letter's history without the account id", async () => {
    const family = await clientFor('family-history', FAMILY_SCOPE);
    const elves = await clientFor('elf-1', ELF_SCOPE);
    const { letterId, version } = accepted(await family.post('/letters', letter('hist-2019')));

    const history = await elves.request('GET', `/letters/${letterId}/history`, undefined, { 'min-version': version, ...readYourWrite });

    expect(history.status).toBe(200);
    expect((history.json as { items: object[] }).items[0]).not.toHaveProperty('ownerId');
    expect(JSON.stringify(history.json)).not.toContain('family-history');
  });

  it("keeps no trace of the raw child id in any table or in the database after an erasure", async () => {
    const childId = 'zelda-2017';
    const family = await clientFor('family-erase', FAMILY_SCOPE);
    const sent = accepted(await family.post('/letters', letter(childId), { 'idempotency-key': 'zelda-letter-1' }));
    expect((await family.request('GET', `/letters/${sent.letterId}`, undefined, { 'min-version': sent.version, ...readYourWrite })).status).toBe(200);

    const erased = await family.request('DELETE', `/children/${childId}`, undefined, { 'idempotency-key': 'zelda-erase-1' });
    expect(erased.status).toBe(202);
    const { version } = erased.json as { version: string };
    const list = await family.request('GET', `/children/${childId}/letters`, undefined, { 'min-version': version, ...readYourWrite });
    expect(list.json).toEqual({ items: [], nextCursor: null });
    await eventually(async () => ((await family.get(`/letters/${sent.letterId}/history`)).status === 404 ? true : undefined));

    const sql = createSql({ url: runtime.standIns.databaseUrl });
    try {
      await eventually(async () => {
        const tables = await Promise.all(
          Object.values(runtime.tables).map(async (table) => JSON.stringify((await runtime.clients.dynamo.send(new ScanCommand({ TableName: table }))).Items ?? [])),
        );
        const names = await sql<{ table_name: string }[]>`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`;
        const rows = await Promise.all(names.map(async ({ table_name }) => JSON.stringify(await sql`SELECT * FROM ${sql(table_name)}`)));
        return [...tables, ...rows].every((dump) => !dump.includes(childId)) ? true : undefined;
      });
    } finally {
      await sql.end();
    }
  });
});
