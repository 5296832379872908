import { readFileSync } from 'node:fs';
import { fakeWaitClock } from '../testing/wait-clock.js';
import { describe, expect, it } from 'vitest';
import { encodeWriteVersion, type WriteVersion } from '../domain/write-version.js';
import { lambdaContext } from '../testing/lambda-context.js';
import { aLetterId, anEventId, BASE_TIME } from '../testing/letters.js';
import { HttpError } from './http.js';
import {
  aboutChild,
  aboutLetter,
  MAX_WAIT_SECONDS,
  minVersionOf,
  preferredWaitOf,
  readAtLeast,
  REMAINING_TIME_MARGIN_MS,
} from './min-version.js';
import type { WaitClock } from './poll-until.js';

const letterVersion: WriteVersion = { type: 'LetterAmended', letterId: aLetterId(1), occurredAt: BASE_TIME, eventId: anEventId(1) };
const erasure: WriteVersion = { type: 'ChildErased', childId: 'lotta-2019', occurredAt: BASE_TIME, eventId: anEventId(2) };
const withHeaders = (headers: Record<string, string>) => ({ headers });

describe('preferredWaitOf', () => {
  it.each([
    ['wait=5', 5],
    ['WAIT = 7', 7],
    ['respond-async, wait=3', 3],
    ['wait=4; foo=bar, return=minimal', 4],
    ['wait="6"', 6],
    ['wait=120', 120],
  ])('reads %s as %i seconds', (prefer, seconds) => {
    expect(preferredWaitOf(prefer)).toBe(seconds);
  });

  it.each([undefined, '', 'return=minimal', 'wait=soon', 'wait=-1', 'wait=1.5', 'waiting=3'])('ignores %j, as RFC 7240 asks of what it cannot understand', (prefer) => {
    expect(preferredWaitOf(prefer)).toBeUndefined();
  });
});

describe('minVersionOf', () => {
  const token = encodeWriteVersion(letterVersion);

  it('is undefined without a Min-Version header', () => {
    expect(minVersionOf(withHeaders({ prefer: 'wait=5' }), aboutLetter(aLetterId(1)))).toBeUndefined();
  });

  it('waits 2 seconds by default, echoing nothing', () => {
    expect(minVersionOf(withHeaders({ 'min-version': token }), aboutLetter(aLetterId(1)))).toEqual({ version: letterVersion, waitSeconds: 2, headers: {} });
  });

  it('waits what Prefer asks for, at most 10 seconds, and says so in Preference-Applied', () => {
    const asked = (prefer: string) => minVersionOf(withHeaders({ 'min-version': token, prefer }), aboutLetter(aLetterId(1)));

    expect(asked('wait=5')).toMatchObject({ waitSeconds: 5, headers: { 'preference-applied': 'wait=5' } });
    expect(asked('wait=60')).toMatchObject({ waitSeconds: MAX_WAIT_SECONDS, headers: { 'preference-applied': 'wait=10' } });
    expect(asked('wait=0')).toMatchObject({ waitSeconds: 0, headers: { 'preference-applied': 'wait=0' } });
  });

  it.each([
    ['a malformed token', 'not-a-version', aboutLetter(aLetterId(1)), 'Min-Version is not a version this service handed out'],
    ["another letter's version", token, aboutLetter(aLetterId(2)), 'Min-Version names another letter'],
    ["a child's erasure on a letter", encodeWriteVersion(erasure), aboutLetter(aLetterId(1)), "Min-Version names a child's erasure; read it back on GET /children/{childId}/letters"],
    ["another child's erasure on a child's list", encodeWriteVersion(erasure), aboutChild('emil-2018'), "Min-Version names another child's erasure"],
  ])('answers 400 VALIDATION_FAILED for %s', (_, value, refuse, message) => {
    const error = (() => {
      try {
        return minVersionOf(withHeaders({ 'min-version': value }), refuse);
      } catch (e) {
        return e;
      }
    })();

    expect(error).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [{ path: 'Min-Version', message }] });
  });

  it("takes a letter's version on its child's list, and the child's own erasure", () => {
    expect(minVersionOf(withHeaders({ 'min-version': token }), aboutChild('lotta-2019'))?.version).toEqual(letterVersion);
    expect(minVersionOf(withHeaders({ 'min-version': encodeWriteVersion(erasure) }), aboutChild('lotta-2019'))?.version).toEqual(erasure);
  });
});

describe('readAtLeast', () => {
  const minVersion = { version: letterVersion, waitSeconds: 2, headers: { 'preference-applied': 'wait=2' } };

  it('reads once, without waiting or headers, when no version is asked for', async () => {
    let reads = 0;

    const outcome = await readAtLeast(undefined, async () => ++reads, () => false);

    expect(outcome).toEqual({ value: 1, headers: {}, polls: 0 });
  });

  it('answers the first read that includes the version, with Server-Timing counting the reads', async () => {
    let reads = 0;
    const clock = fakeWaitClock();

    const outcome = await readAtLeast(minVersion, async () => ++reads, (value) => value === 3, { clock });

    expect(outcome).toEqual({
      value: 3,
      polls: 3,
      headers: { 'preference-applied': 'wait=2', 'server-timing': 'min-version;dur=30;desc="3 reads"' },
    });
  });

  it('answers 412 NOT_YET_PROJECTED with Retry-After once the wait is over', async () => {
    const clock = fakeWaitClock();

    const error = await readAtLeast(minVersion, async () => 'old', () => false, { clock }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({
      statusCode: 412,
      code: 'NOT_YET_PROJECTED',
      headers: { 'retry-after': '1', 'preference-applied': 'wait=2', 'server-timing': expect.stringContaining('min-version;dur=2000') },
    });
    expect(clock.elapsed()).toBe(2_000);
  });

  it("stops at the function's remaining time, less a margin to answer in", async () => {
    const clock = fakeWaitClock();
    const context = lambdaContext('get-letter', { timeoutSeconds: 1 });

    await readAtLeast({ ...minVersion, waitSeconds: 10 }, async () => 'old', () => false, { clock, context }).catch(() => undefined);

    expect(clock.elapsed()).toBe(1_000 - REMAINING_TIME_MARGIN_MS);
  });
});

describe('the read functions', () => {
  it('may run long enough for the longest wait and the margin to answer 412 in', () => {
    const wiring = JSON.parse(readFileSync(new URL('../../infra/wiring.json', import.meta.url), 'utf8')) as {
      functions: Record<string, { timeoutSeconds: number }>;
    };
    const timeouts = ['get-letter', 'letter-history', 'list-child-letters'].map((name) => wiring.functions[name]!.timeoutSeconds * 1000);

    expect(Math.min(...timeouts)).toBeGreaterThan(MAX_WAIT_SECONDS * 1000 + REMAINING_TIME_MARGIN_MS);
  });
});
