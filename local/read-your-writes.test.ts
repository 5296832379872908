import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readYourWrite, type SantaClient } from '../openapi/client.js';
import { encodeWriteVersion } from '../shared/domain/write-version.js';
import type { FaultOptions } from './faults.js';
import { ELF_SCOPE, FAMILY_SCOPE } from './identity/token-client.js';
import { startLocalRuntime, type LocalRuntime } from './runtime.js';
import { apiClients } from './testing/api-client.js';
import { httpClient } from './testing/http-client.js';

/*
 * Read your own writes over HTTP, with every delivery to a projector delayed at random (up
 * to 400 ms, so a plain read right after a command usually misses it): each command's
 * version, sent as Min-Version, gets a state that includes the command on the first request.
 */
const FAULTS: FaultOptions = { maxDelayMs: 400, seed: 20261206 };
const LETTERS = 6;
const WAIT = { waitSeconds: 10, retries: 0 } as const;

let runtime: LocalRuntime;
let family: SantaClient;
let familyHttp: ReturnType<typeof httpClient>;
let otherFamily: ReturnType<typeof httpClient>;
let elves: ReturnType<typeof httpClient>;

const letter = (childId: string, toy: string, quantity = 1) => ({ child: { id: childId, name: 'Ada', age: 6, country: 'SE' }, toys: [{ name: toy, quantity }] });
const childOf = (n: number) => (n % 2 === 0 ? 'ryw-even' : 'ryw-odd');
const minVersion = (version: string, wait = 10) => ({ 'min-version': version, prefer: `wait=${wait}` });

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, visibilityTimeoutSeconds: 1, logLevel: 'SILENT', log: () => undefined, faults: FAULTS });
  const token = async (sub: string, scope: string) => (await runtime.identity.mint({ sub, scope })).access_token;
  const familyToken = await token('family-ryw', FAMILY_SCOPE);
  family = apiClients(runtime.url, familyToken).typed;
  familyHttp = httpClient(runtime.url, familyToken);
  otherFamily = httpClient(runtime.url, await token('family-other', FAMILY_SCOPE));
  elves = httpClient(runtime.url, await token('elf-ryw', ELF_SCOPE));
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
});

/** Reads the letter with Min-Version once (no retry): its status and body. */
const readLetter = async (letterId: string, version: string) => {
  const { data, response } = await readYourWrite(version, (header) => family.GET('/letters/{letterId}', { params: { path: { letterId }, header } }), WAIT);
  return { status: response.status, letter: data, applied: response.headers.get('preference-applied') };
};

describe('Min-Version over HTTP, with delayed deliveries', () => {
  it('shows every letter, amendment, withdrawal and erasure on the first read with its version', async () => {
    const outcomes: { what: string; seen: boolean }[] = [];
    const see = (seen: boolean, what: string) => void outcomes.push({ what, seen });

    const sent = await Promise.all(
      Array.from({ length: LETTERS }, async (_, n) => {
        const { data } = await family.POST('/letters', { body: letter(childOf(n), `Kite ${n}`) });
        const read = await readLetter(data!.letterId, data!.version);
        see(read.status === 200 && read.letter?.toys[0]?.name === `Kite ${n}`, `letter ${n} sent: ${read.status}`);
        expect(read.applied).toBe('wait=10');
        const history = await familyHttp.request('GET', `/letters/${data!.letterId}/history`, undefined, minVersion(data!.version));
        see(history.status === 200 && (history.json as { items: { type: string }[] }).items.some((event) => event.type === 'LetterSubmitted'), `history ${n} sent: ${history.status}`);
        return { letterId: data!.letterId, submitted: data!.version, n };
      }),
    );
    const listed = await familyHttp.request('GET', `/children/${childOf(0)}/letters`, undefined, minVersion(sent[LETTERS - 2]!.submitted));
    see(listed.status === 200 && (listed.json as { items: { letterId: string }[] }).items.some((item) => item.letterId === sent[LETTERS - 2]!.letterId), `list: ${listed.status}`);

    await Promise.all(
      sent.map(async ({ letterId, n }) => {
        const { data } = await family.PUT('/letters/{letterId}', { params: { path: { letterId } }, body: letter(childOf(n), `Drum ${n}`, 2) });
        const read = await readLetter(letterId, data!.version);
        see(read.status === 200 && read.letter?.toys[0]?.name === `Drum ${n}` && read.letter.toys[0].quantity === 2, `letter ${n} amended: ${read.status}`);
      }),
    );

    await Promise.all(
      sent.filter(({ n }) => n % 3 === 0).map(async ({ letterId }) => {
        const { data } = await family.DELETE('/letters/{letterId}', { params: { path: { letterId } } });
        const read = await readLetter(letterId, data!.version);
        see(read.status === 200 && read.letter?.status === 'withdrawn', `letter ${letterId} withdrawn: ${read.status}`);
        const history = await familyHttp.request('GET', `/letters/${letterId}/history`, undefined, minVersion(data!.version));
        see(history.status === 200 && (history.json as { items: { type: string }[] }).items.at(-1)?.type === 'LetterWithdrawn', `history ${letterId} withdrawn: ${history.status}`);
      }),
    );

    const { data: erasure } = await family.DELETE('/children/{childId}', { params: { path: { childId: childOf(0) } } });
    const page = await readYourWrite(erasure!.version, (header) => family.GET('/children/{childId}/letters', { params: { path: { childId: childOf(0) }, header } }), WAIT);
    see(page.response.status === 200 && page.data?.items.length === 0, `erasure: ${page.response.status} ${page.data?.items.length}`);
    // An erased letter read with a later version answers what it answers today: 404.
    const erasedLetter = sent.find(({ n }) => childOf(n) === childOf(0))!;
    const { data: lateAmendment } = await family.PUT('/letters/{letterId}', { params: { path: { letterId: erasedLetter.letterId } }, body: letter(childOf(0), 'Sled') });
    const afterErasure = await readLetter(erasedLetter.letterId, lateAmendment!.version);
    see(afterErasure.status === 404, `erased letter amended: ${afterErasure.status}`);
    // The erasure's version is for its own child's list only.
    const other = await familyHttp.request('GET', `/children/${childOf(1)}/letters`, undefined, minVersion(erasure!.version));
    expect(other).toMatchObject({ status: 400, json: { error: { code: 'VALIDATION_FAILED', details: [{ path: 'Min-Version' }] } } });

    expect(outcomes.filter(({ seen }) => !seen).map(({ what }) => what)).toEqual([]);
    expect(outcomes.length).toBe(LETTERS * 3 + 1 + 2 * Math.ceil(LETTERS / 3) + 2);
  }, 120_000);

  it("answers another family 404 for a letter, with the owner's version or not, and an elf the letter", async () => {
    const { data } = await family.POST('/letters', { body: letter('ryw-other', 'Ball') });

    const theirs = await otherFamily.request('GET', `/letters/${data!.letterId}`, undefined, minVersion(data!.version));
    const elf = await elves.request('GET', `/letters/${data!.letterId}`, undefined, minVersion(data!.version));
    const theirHistory = await otherFamily.request('GET', `/letters/${data!.letterId}/history`, undefined, minVersion(data!.version));

    expect(elf).toMatchObject({ status: 200, json: { letterId: data!.letterId, toys: [{ name: 'Ball', quantity: 1 }] } });
    expect(theirs).toMatchObject({ status: 404, json: { error: { code: 'NOT_FOUND' } } });
    expect(theirHistory).toMatchObject({ status: 404, json: { error: { code: 'NOT_FOUND' } } });
    expect((await otherFamily.get(`/letters/${data!.letterId}`)).status).toBe(404);
  }, 60_000);

  it('answers 400 VALIDATION_FAILED for a malformed version, and for one of another letter, without waiting', async () => {
    const { data: first } = await family.POST('/letters', { body: letter('ryw-bad', 'Top') });
    const { data: second } = await family.POST('/letters', { body: letter('ryw-bad', 'Yo-yo') });

    const malformed = await familyHttp.request('GET', `/letters/${first!.letterId}`, undefined, minVersion('not-a-version'));
    const another = await familyHttp.request('GET', `/letters/${first!.letterId}/history`, undefined, minVersion(second!.version));

    for (const answer of [malformed, another]) {
      expect(answer).toMatchObject({ status: 400, json: { error: { code: 'VALIDATION_FAILED', details: [{ path: 'Min-Version' }] } } });
      expect(answer.headers.get('server-timing')).toBeNull();
    }
  }, 60_000);

  it('answers 412 NOT_YET_PROJECTED with Retry-After for a version that never arrives, after the wait asked for', async () => {
    const { data } = await family.POST('/letters', { body: letter('ryw-never', 'Puzzle') });
    const never = encodeWriteVersion({ type: 'LetterAmended', letterId: data!.letterId, occurredAt: '2099-12-24T18:00:00.000Z', eventId: randomUUID() });

    const answer = await familyHttp.request('GET', `/letters/${data!.letterId}`, undefined, minVersion(never, 1));

    expect(answer).toMatchObject({ status: 412, json: { error: { code: 'NOT_YET_PROJECTED' } } });
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(answer.headers.get('preference-applied')).toBe('wait=1');
    // Server-Timing: the wait ran its second, polling with backoff (a few reads a second, not a busy loop).
    const [, waited, reads] = /dur=(\d+);desc="(\d+) reads"/u.exec(answer.headers.get('server-timing') ?? '') ?? [];
    expect(Number(waited)).toBeGreaterThanOrEqual(1_000);
    expect(Number(reads)).toBeGreaterThan(1);
    expect(Number(reads)).toBeLessThanOrEqual(2 + Math.ceil(Number(waited) / 200) + 5);
  }, 60_000);
});
