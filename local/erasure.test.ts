import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drain } from '../tools/drain.js';
import type { QueuePair } from '../tools/targets.js';
import { ELF_SCOPE, FAMILY_SCOPE } from './identity/token-client.js';
import { startLocalRuntime, type LocalRuntime } from './runtime.js';
import { eventually, httpClient } from './testing/http-client.js';

/*
 * Erasure end to end over HTTP: a family erases one child; every store forgets that child's
 * letters submitted before, for the family and for elves; nothing brings them back; the
 * family's other children, another family's child of the same id, and letters sent after
 * the erasure are kept.
 */
let runtime: LocalRuntime;
let family: ReturnType<typeof httpClient>;
let otherFamily: ReturnType<typeof httpClient>;
let elves: ReturnType<typeof httpClient>;

const letter = (childId: string, toy: string, message?: string) => ({
  child: { id: childId, name: 'Ada', age: 6, country: 'SE' },
  toys: [{ name: toy, quantity: 1 }],
  ...(message ? { message } : {}),
});

const settled = () =>
  drain({
    sqs: runtime.clients.sqs,
    queues: Object.fromEntries(Object.values(runtime.topology.queues).map((q): [string, QueuePair] => [q.name, { name: q.name, url: q.url, dlqUrl: q.dlqUrl }])),
  });

const letterIdOf = (answer: { status: number; json: unknown }) => {
  expect(answer.status).toBe(202);
  return (answer.json as { letterId: string }).letterId;
};

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, analyticsMinChildren: 1, visibilityTimeoutSeconds: 1, logLevel: 'SILENT', log: () => undefined });
  const token = async (sub: string, scope: string) => (await runtime.identity.mint({ sub, scope })).access_token;
  family = httpClient(runtime.url, await token('family-1', FAMILY_SCOPE));
  otherFamily = httpClient(runtime.url, await token('family-2', FAMILY_SCOPE));
  elves = httpClient(runtime.url, await token('elf-1', ELF_SCOPE));
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
});

describe('DELETE /children/{childId}', () => {
  it("forgets the child's letters in every store for good, and keeps everything else", async () => {
    const first = letterIdOf(await family.post('/letters', letter('kid-a', 'Kite', 'Dear Santa')));
    const second = letterIdOf(await family.post('/letters', letter('kid-a', 'Drum')));
    expect((await family.put(`/letters/${second}`, letter('kid-a', 'Big drum'))).status).toBe(202);
    const sibling = letterIdOf(await family.post('/letters', letter('kid-b', 'Ball')));
    const sameIdElsewhere = letterIdOf(await otherFamily.post('/letters', letter('kid-a', 'Sled')));
    await settled();
    expect((await family.get(`/letters/${first}`)).status).toBe(200);
    const summaryBefore = (await elves.get('/analytics/summary')).json;

    const erasure = await family.delete('/children/kid-a');
    await settled();

    // Analytics as the model without the erased letters: kid-b's Ball and the other family's Sled.
    expect(summaryBefore).toMatchObject({ letters: { active: 4, withdrawn: 0 }, children: 3 });
    expect((await elves.get('/analytics/summary')).json).toEqual({
      letters: { active: 2, withdrawn: 0 },
      children: 2,
      toys: { distinct: 2, quantity: 2 },
      countries: [{ country: 'SE', letters: 2, quantity: 2 }],
    });
    expect((await elves.get('/analytics/toys/top?limit=10')).json).toEqual({
      items: [
        { toy: 'ball', quantity: 1, letters: 1 },
        { toy: 'sled', quantity: 1, letters: 1 },
      ],
    });

    expect(erasure).toMatchObject({ status: 202, json: { childId: 'kid-a', status: 'accepted' } });
    for (const letterId of [first, second]) {
      expect((await family.get(`/letters/${letterId}`)).status).toBe(404);
      expect((await elves.get(`/letters/${letterId}`)).status).toBe(404);
      expect((await family.get(`/letters/${letterId}/history`)).status).toBe(404);
      expect((await elves.get(`/letters/${letterId}/history`)).status).toBe(404);
    }
    expect((await family.get('/children/kid-a/letters')).json).toEqual({ items: [], nextCursor: null });
    expect((await family.get(`/letters/${sibling}`)).status).toBe(200);
    expect((await family.get('/children/kid-b/letters')).json).toMatchObject({ items: [{ letterId: sibling }] });
    expect((await otherFamily.get(`/letters/${sameIdElsewhere}`)).status).toBe(200);
    expect((await otherFamily.get('/children/kid-a/letters')).json).toMatchObject({ items: [{ letterId: sameIdElsewhere }] });
  }, 120_000);

  it('brings nothing back for an amendment of an erased letter, and keeps a letter sent after the erasure', async () => {
    const erased = letterIdOf(await family.post('/letters', letter('kid-c', 'Kite')));
    await settled();
    expect((await family.delete('/children/kid-c')).status).toBe(202);
    await settled();

    expect((await family.put(`/letters/${erased}`, letter('kid-c', 'Another kite'))).status).toBe(202);
    const later = letterIdOf(await family.post('/letters', letter('kid-c', 'Puzzle')));
    await settled();

    expect((await family.get(`/letters/${erased}`)).status).toBe(404);
    expect((await elves.get(`/letters/${erased}/history`)).status).toBe(404);
    const kept = await eventually(async () => {
      const answer = await family.get(`/letters/${later}`);
      return answer.status === 200 ? answer.json : undefined;
    });
    expect(kept).toMatchObject({ letterId: later, toys: [{ name: 'Puzzle', quantity: 1 }], status: 'active' });
    expect((await family.get('/children/kid-c/letters')).json).toMatchObject({ items: [{ letterId: later }] });
    expect((await elves.get(`/letters/${later}/history`)).json).toMatchObject({ items: [{ type: 'LetterSubmitted', letterId: later }] });
  }, 120_000);

  it('answers 403 to an elf, 400 to a malformed child id, 401 without a token, and publishes nothing for them', async () => {
    expect((await elves.delete('/children/kid-b')).status).toBe(403);
    expect((await family.delete('/children/kid%2Fb')).status).toBe(400);
    expect((await httpClient(runtime.url).delete('/children/kid-b')).status).toBe(401);
    await settled();

    expect((await family.get('/children/kid-b/letters')).json).toMatchObject({ items: [{ child: { id: 'kid-b' } }] });
  }, 60_000);
});
