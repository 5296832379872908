import { describe, expect, it } from 'vitest';
import { inMemoryEventLog } from '../../shared/testing/fakes.js';
import { ANOTHER_FAMILY_CALLER, ELF_CALLER, httpEvent, type Caller } from '../../shared/testing/http-event.js';
import { A_FAMILY, aLetterId, anEvent, anEventId, asReceived, aVersion1Event, minutesLater } from '../../shared/testing/letters.js';
import { letterHistory } from './letter-history.js';

const letterId = aLetterId(1);
const request = (caller?: Caller, id = letterId, query?: Record<string, string>) =>
  httpEvent({ method: 'GET', route: '/letters/{letterId}/history', pathParameters: { letterId: id }, ...(caller ? { caller } : {}), ...(query ? { query } : {}) });

const withHistory = async () => {
  const eventLog = inMemoryEventLog();
  const submitted = anEvent('LetterSubmitted', { letterId, eventId: anEventId(1) });
  const withdrawn = anEvent('LetterWithdrawn', { letterId, eventId: anEventId(2), occurredAt: minutesLater(1) });
  await eventLog.apply([withdrawn, submitted, asReceived(aVersion1Event('LetterSubmitted', { letterId: aLetterId(2), eventId: anEventId(3) }))]);
  return { eventLog, submitted, withdrawn };
};
const bodyOf = (response: unknown) => JSON.parse((response as { body: string }).body);

describe('letterHistory', () => {
  it("answers the family the letter belongs to with the letter's events, oldest first", async () => {
    const { eventLog, submitted, withdrawn } = await withHistory();

    const response = await letterHistory({ eventLog })(request());

    expect(response).toMatchObject({ statusCode: 200 });
    expect(bodyOf(response)).toEqual({ items: [submitted, withdrawn], nextCursor: null });
  });

  it('answers an elf the history of any letter, a version 1 letter too', async () => {
    const { eventLog } = await withHistory();
    const handler = letterHistory({ eventLog });

    const answers = [await handler(request(ELF_CALLER)), await handler(request(ELF_CALLER, aLetterId(2)))];

    expect(answers.map((answer) => bodyOf(answer).items.length)).toEqual([2, 1]);
  });

  it("shows an elf no account id: the events without their ownerId", async () => {
    const { eventLog, submitted, withdrawn } = await withHistory();

    const response = await letterHistory({ eventLog })(request(ELF_CALLER));

    const withoutOwner = (event: object) => Object.fromEntries(Object.entries(event).filter(([name]) => name !== 'ownerId'));
    expect(bodyOf(response)).toEqual({ items: [withoutOwner(submitted), withoutOwner(withdrawn)], nextCursor: null });
    expect((response as { body: string }).body).not.toContain(A_FAMILY);
  });

  it('pages the history oldest first, limit events at a time, with the cursor of the next page', async () => {
    const { eventLog, submitted, withdrawn } = await withHistory();
    const handler = letterHistory({ eventLog });

    const first = bodyOf(await handler(request(undefined, letterId, { limit: '1' })));
    const second = bodyOf(await handler(request(undefined, letterId, { limit: '1', cursor: first.nextCursor })));

    expect(first).toEqual({ items: [submitted], nextCursor: expect.any(String) });
    expect(second).toEqual({ items: [withdrawn], nextCursor: null });
  });

  it.each([
    ['a limit of 0', { limit: '0' }, 'limit'],
    ['a limit over 100', { limit: '101' }, 'limit'],
    ['a cursor it did not hand out', { cursor: 'not-a-cursor' }, 'cursor'],
  ])('answers 400 for %s', async (_, query, path) => {
    const { eventLog } = await withHistory();

    const error = await letterHistory({ eventLog })(request(undefined, letterId, query)).catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path })] });
  });

  it.each([
    ["another account's letter", request(ANOTHER_FAMILY_CALLER)],
    ['a version 1 letter, which belongs to no family', request(undefined, aLetterId(2))],
    ['a letter without recorded events', request(undefined, aLetterId(3))],
  ])('answers 404 for %s', async (_, event) => {
    const { eventLog } = await withHistory();

    const error = await letterHistory({ eventLog })(event).catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: `letter ${event.pathParameters!.letterId} has no recorded events (yet)` });
  });

  it('answers 403 Forbidden to a token without a scope', async () => {
    const { eventLog } = await withHistory();

    expect(await letterHistory({ eventLog })(request({ sub: 'someone' }))).toMatchObject({ statusCode: 403, body: '{"message":"Forbidden"}' });
  });
});
