import { describe, expect, it } from 'vitest';
import { fakeWaitClock } from '../../shared/testing/wait-clock.js';
import type { LetterEvent } from '../../shared/domain/events.js';
import type { LetterObserver } from '../../shared/domain/observation-ports.js';
import { encodeWriteVersion, writeVersionOf } from '../../shared/domain/write-version.js';
import { httpHandler } from '../../shared/http/middleware.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { inMemoryLetters } from '../../shared/testing/fakes.js';
import { ANOTHER_FAMILY_CALLER, ELF_CALLER, httpEvent, type Caller } from '../../shared/testing/http-event.js';
import { lambdaContext } from '../../shared/testing/lambda-context.js';
import { aLetter, aLetterId, anEvent, anEventId, minutesLater } from '../../shared/testing/letters.js';
import { getLetter } from './get-letter.js';

const letterId = aLetterId(1);
const submitted = anEvent('LetterSubmitted', { letterId, eventId: anEventId(1), occurredAt: minutesLater(0) });
const amended = anEvent('LetterAmended', { letterId, eventId: anEventId(2), occurredAt: minutesLater(1), letter: aLetter({ toys: [{ name: 'Kite', quantity: 3 }] }) });
const tokenOf = (event: LetterEvent) => encodeWriteVersion(writeVersionOf(event));
const request = (headers: Record<string, string>, caller?: Caller) =>
  httpEvent({ method: 'GET', route: '/letters/{letterId}', pathParameters: { letterId }, headers, ...(caller ? { caller } : {}) });
const bodyOf = (response: unknown) => JSON.parse((response as { body: string }).body);


/** The letters view, which projects `arriving` just before its `onRead`th read; counts reads. */
const lettersProjectingOn = async (onRead: number, arriving: LetterEvent[], seen: LetterEvent[] = [submitted]) => {
  const letters = inMemoryLetters();
  await letters.apply(seen);
  let reads = 0;
  const observer: Pick<LetterObserver, 'observe'> & { reads: () => number } = {
    reads: () => reads,
    observe: async (id) => {
      if (++reads === onRead) await letters.apply(arriving);
      return letters.observe(id);
    },
  };
  return observer;
};

describe('getLetter with Min-Version', () => {
  it('waits, polling the store, until the letter includes the version, and answers it', async () => {
    const letters = await lettersProjectingOn(4, [amended]);
    const clock = fakeWaitClock();

    const response = await getLetter({ letters, wait: { clock } })(request({ 'min-version': tokenOf(amended), prefer: 'wait=5' }));

    expect(response).toMatchObject({ statusCode: 200, headers: { 'preference-applied': 'wait=5', 'server-timing': 'min-version;dur=70;desc="4 reads"' } });
    expect(bodyOf(response)).toMatchObject({ letterId, toys: [{ name: 'Kite', quantity: 3 }] });
    expect(letters.reads()).toBe(4);
  });

  it('answers at once, with one read, when the store already includes the version (an older one too)', async () => {
    const letters = await lettersProjectingOn(99, [], [submitted, amended]);

    const response = await getLetter({ letters, wait: { clock: fakeWaitClock() } })(request({ 'min-version': tokenOf(submitted) }));

    expect(response).toMatchObject({ statusCode: 200 });
    expect(letters.reads()).toBe(1);
  });

  it('answers 412 NOT_YET_PROJECTED with Retry-After and Preference-Applied when the wait runs out', async () => {
    const letters = await lettersProjectingOn(99, []);
    const clock = fakeWaitClock();
    const handler = httpHandler(createLogger('get-letter', 'SILENT'), getLetter({ letters, wait: { clock } }));

    const response = await handler(request({ 'min-version': tokenOf(amended), prefer: 'wait=1' }), lambdaContext('get-letter', { timeoutSeconds: 12 }));

    expect(response).toMatchObject({ statusCode: 412, headers: { 'retry-after': '1', 'preference-applied': 'wait=1' } });
    expect(bodyOf(response)).toEqual({ error: { code: 'NOT_YET_PROJECTED', message: 'the version asked for is not projected yet (waited 1000 ms); retry later' } });
    // Reads at 0, 10, 30, 70, 150, 310, 510, 710, 910 and 1,000 ms.
    expect(clock.elapsed()).toBe(1_000);
    expect(letters.reads()).toBe(10);
  });

  it("answers another family 404 at once, after one read, with the owner's version", async () => {
    const letters = await lettersProjectingOn(99, []);
    const handler = httpHandler(createLogger('get-letter', 'SILENT'), getLetter({ letters, wait: { clock: fakeWaitClock() } }));

    const response = await handler(request({ 'min-version': tokenOf(amended), prefer: 'wait=10' }, ANOTHER_FAMILY_CALLER), lambdaContext('get-letter'));

    expect(response).toMatchObject({ statusCode: 404, headers: { 'preference-applied': 'wait=10' } });
    expect(bodyOf(response)).toEqual({ error: { code: 'NOT_FOUND', message: `letter ${letterId} is not known (yet)` } });
    expect(letters.reads()).toBe(1);
  });

  it('lets an elf wait for a version too', async () => {
    const letters = await lettersProjectingOn(2, [amended]);

    const response = await getLetter({ letters, wait: { clock: fakeWaitClock() } })(request({ 'min-version': tokenOf(amended) }, ELF_CALLER));

    expect(bodyOf(response)).toMatchObject({ toys: [{ name: 'Kite', quantity: 3 }] });
  });

  it('answers 400 for a malformed version without reading', async () => {
    const letters = await lettersProjectingOn(99, []);

    const error = await getLetter({ letters })(request({ 'min-version': 'v1.not-a-version' })).catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [{ path: 'Min-Version', message: 'Min-Version is not a version this service handed out' }] });
    expect(letters.reads()).toBe(0);
  });
});
