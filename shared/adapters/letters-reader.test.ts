import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, type RunningDynalite } from '../testing/dynalite.js';
import { A_FAMILY, aChild, aLetterId, aLetterIdOf, ANOTHER_FAMILY, anEvent, anEventId, BASE_TIME } from '../testing/letters.js';
import { aLettersStore, submitted } from '../testing/letters-view.js';
import { InvalidCursorError } from './letters-store.js';

let dynamo: RunningDynalite;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

const aStore = (client?: DynamoDBDocumentClient) => aLettersStore(dynamo, client);

describe('createLettersReader', () => {
  describe('get', () => {
    it('returns a submitted letter as the read side shows it', async () => {
      const { store } = await aStore();
      const event = submitted(aLetterId(1), 0, 1);

      await store.apply([event]);
      const letter = await store.get(aLetterId(1));

      expect(letter).toEqual({
        ownerId: A_FAMILY,
        view: {
          letterId: aLetterId(1),
          child: aChild(),
          toys: [{ name: 'Toy 1', quantity: 1 }],
          message: 'Dear Santa, I have been good.',
          status: 'active',
          submittedAt: BASE_TIME,
          updatedAt: BASE_TIME,
        },
      });
    });

    it('returns undefined for a letter it has never seen', async () => {
      const { store } = await aStore();

      const letter = await store.get(aLetterId(404));

      expect(letter).toBeUndefined();
    });
  });

  describe('listByChild', () => {
    const fiveLetters = () => [1, 2, 3, 4, 5].map((n) => submitted(aLetterId(n), n, n, 'lotta-2019'));

    it("lists a child's letters newest first, page by page through the cursor", async () => {
      const { store } = await aStore();
      await store.apply([...fiveLetters(), submitted(aLetterId(9), 9, 9, 'emil-2018')]);

      const first = await store.listByChild(A_FAMILY, 'lotta-2019', { limit: 2 });
      const second = await store.listByChild(A_FAMILY, 'lotta-2019', { limit: 2, cursor: first.nextCursor! });
      const third = await store.listByChild(A_FAMILY, 'lotta-2019', { limit: 2, cursor: second.nextCursor! });

      const ids = (page: { items: { letterId: string }[] }) => page.items.map((letter) => letter.letterId);
      expect([ids(first), ids(second), ids(third)]).toEqual([
        [aLetterId(5), aLetterId(4)],
        [aLetterId(3), aLetterId(2)],
        [aLetterId(1)],
      ]);
      expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/u);
      expect(third.nextCursor).toBeNull();
    });

    it('gives no cursor when the page holds exactly the last letters', async () => {
      const { store } = await aStore();
      await store.apply(fiveLetters().slice(0, 4));

      const first = await store.listByChild(A_FAMILY, 'lotta-2019', { limit: 2 });
      const second = await store.listByChild(A_FAMILY, 'lotta-2019', { limit: 2, cursor: first.nextCursor! });

      expect(second.items).toHaveLength(2);
      expect(second.nextCursor).toBeNull();
    });

    it('answers an empty page without a cursor for a child without letters', async () => {
      const { store } = await aStore();

      const page = await store.listByChild(A_FAMILY, 'nobody', { limit: 20 });

      expect(page).toEqual({ items: [], nextCursor: null });
    });

    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const key = { pk: `LETTER#${aLetterId(1)}`, sk: 'LETTER', gsi1pk: 'OWNER#family-1#CHILD#lotta-2019', submittedAt: BASE_TIME };

    it.each([
      ['not base64url', 'not a cursor!'],
      ['not JSON', Buffer.from('{oops').toString('base64url')],
      ['not an object', encode([1, 2])],
      ['missing a key', encode({ ...key, submittedAt: undefined })],
      ['with an extra key', encode({ ...key, extra: 1 })],
      ['of another child', encode({ ...key, gsi1pk: 'OWNER#family-1#CHILD#emil-2018' })],
      ["of another account's child with the same id", encode({ ...key, gsi1pk: 'OWNER#family-2#CHILD#lotta-2019' })],
      ['with a letter key that is not a letter id', encode({ ...key, pk: 'LETTER#x' })],
    ])('throws InvalidCursorError for a cursor %s', async (_, cursor) => {
      const { store } = await aStore();
      await store.apply(fiveLetters());

      const listing = store.listByChild(A_FAMILY, 'lotta-2019', { limit: 2, cursor });

      await expect(listing).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it('lists only the letters of the account asked for when two accounts use the same child id', async () => {
      const { store } = await aStore();
      const theirs = anEvent('LetterSubmitted', { letterId: aLetterIdOf(ANOTHER_FAMILY, 7), ownerId: ANOTHER_FAMILY, eventId: anEventId(7) });
      await store.apply([...fiveLetters().slice(0, 1), theirs]);

      const pages = await Promise.all([A_FAMILY, ANOTHER_FAMILY, 'family-3'].map((owner) => store.listByChild(owner, 'lotta-2019', { limit: 10 })));

      expect(pages.map((page) => page.items.map((letter) => letter.letterId))).toEqual([[aLetterId(1)], [aLetterIdOf(ANOTHER_FAMILY, 7)], []]);
    });

    it('accepts a cursor it handed out only for the same child of the same account', async () => {
      const { store } = await aStore();
      await store.apply(fiveLetters());
      const { nextCursor } = await store.listByChild(A_FAMILY, 'lotta-2019', { limit: 2 });

      const listings = [
        store.listByChild(A_FAMILY, 'emil-2018', { limit: 2, cursor: nextCursor! }),
        store.listByChild(ANOTHER_FAMILY, 'lotta-2019', { limit: 2, cursor: nextCursor! }),
      ];

      for (const listing of listings) await expect(listing).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });
});
