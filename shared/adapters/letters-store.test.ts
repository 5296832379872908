import { ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES, eventVersion, type LetterEvent } from '../domain/events.js';
import { applyLetterEvent, precedenceOf, toLetterView, type LetterState } from '../domain/letter-projection.js';
import { startDynalite, type RunningDynalite } from '../testing/dynalite.js';
import {
  A_FAMILY,
  aChild,
  aLetterIdOf,
  ANOTHER_FAMILY,
  aLetter,
  aLetterId,
  anEvent,
  anEventId,
  BASE_TIME,
  inBatches,
  minutesLater,
  redelivered,
} from '../testing/letters.js';
import { createLettersStore, InvalidCursorError, type LetterItem } from './letters-store.js';
import { lettersTableDefinition } from './letters-table.js';

let dynamo: RunningDynalite;
let tables = 0;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

/** A store on a fresh table, so tests do not see each other's letters. */
const aStore = async (client?: DynamoDBDocumentClient) => {
  const tableName = `letters-${++tables}`;
  await dynamo.createTable(lettersTableDefinition(tableName));
  return { tableName, store: createLettersStore({ client: client ?? dynamo.client, tableName }) };
};

const itemsIn = async (tableName: string): Promise<LetterItem[]> => {
  const { Items = [] } = await dynamo.client.send(new ScanCommand({ TableName: tableName }));
  return (Items as LetterItem[]).sort((a, b) => a.pk.localeCompare(b.pk));
};

/** The item the store must hold for a letter, as the pure fold computes it. */
const foldedItem = (state: LetterState): LetterItem => ({
  pk: `LETTER#${state.letterId}`,
  sk: 'LETTER',
  letterId: state.letterId,
  status: state.status,
  updatedAt: state.updatedAt,
  version: state.version,
  ...(state.content && state.contentVersion && state.submittedAt && state.ownerId
    ? {
        ownerId: state.ownerId,
        child: state.content.child,
        toys: state.content.toys,
        message: state.content.message,
        contentVersion: state.contentVersion,
        submittedAt: state.submittedAt,
        gsi1pk: `OWNER#${state.ownerId}#CHILD#${state.content.child.id}`,
      }
    : {}),
});

const fold = (events: LetterEvent[]): LetterState[] => {
  const states = new Map<string, LetterState>();
  for (const event of events) states.set(event.letterId, applyLetterEvent(states.get(event.letterId), event));
  return [...states.values()].sort((a, b) => a.letterId.localeCompare(b.letterId));
};

const applyOneByOne = async (store: { apply(events: LetterEvent[]): Promise<void> }, events: LetterEvent[]) => {
  for (const event of events) await store.apply([event]);
};

/** A content event whose toy is named after its event number, so tests can tell contents apart. */
const withContent =
  (type: 'LetterSubmitted' | 'LetterAmended') =>
  (letterId: string, minute: number, eventNumber: number, childId = 'lotta-2019') =>
    anEvent(type, {
      letterId,
      occurredAt: minutesLater(minute),
      eventId: anEventId(eventNumber),
      letter: aLetter({ child: aChild({ id: childId }), toys: [{ name: `Toy ${eventNumber}`, quantity: 1 }] }),
    });

const submitted = withContent('LetterSubmitted');
const amended = withContent('LetterAmended');

const withdrawn = (letterId: string, minute: number, eventNumber: number) =>
  anEvent('LetterWithdrawn', { letterId, occurredAt: minutesLater(minute), eventId: anEventId(eventNumber) });

describe('createLettersStore', () => {
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

  describe('apply', () => {
    it('stores a new letter with one conditional update under the single-table keys', async () => {
      const sent: { command: string; input: unknown }[] = [];
      const recording = {
        send: (command: { constructor: { name: string }; input: unknown }) => {
          sent.push({ command: command.constructor.name, input: command.input });
          return dynamo.client.send(command as never);
        },
      } as unknown as DynamoDBDocumentClient;
      const { store, tableName } = await aStore(recording);
      const event = submitted(aLetterId(1), 0, 1);

      await store.apply([event]);

      const version = precedenceOf(event);
      expect(sent).toEqual([
        {
          command: 'UpdateCommand',
          input: {
            TableName: tableName,
            Key: { pk: `LETTER#${aLetterId(1)}`, sk: 'LETTER' },
            UpdateExpression:
              'SET #letterId = :letterId, #status = :status, #updatedAt = :updatedAt, #version = :version, ' +
              '#ownerId = :ownerId, #child = :child, #toys = :toys, #message = :message, #contentVersion = :contentVersion, ' +
              '#gsi1pk = :gsi1pk, #submittedAt = if_not_exists(#submittedAt, :submittedAt)',
            ConditionExpression:
              '(attribute_not_exists(#version) OR #version < :version) AND ' +
              '(attribute_not_exists(#contentVersion) OR #contentVersion < :contentVersion) AND ' +
              '(attribute_not_exists(#submittedAt) OR #submittedAt <= :submittedAt)',
            ExpressionAttributeNames: {
              '#letterId': 'letterId',
              '#status': 'status',
              '#updatedAt': 'updatedAt',
              '#version': 'version',
              '#ownerId': 'ownerId',
              '#child': 'child',
              '#toys': 'toys',
              '#message': 'message',
              '#contentVersion': 'contentVersion',
              '#gsi1pk': 'gsi1pk',
              '#submittedAt': 'submittedAt',
            },
            ExpressionAttributeValues: {
              ':letterId': aLetterId(1),
              ':status': 'active',
              ':updatedAt': BASE_TIME,
              ':version': version,
              ':ownerId': A_FAMILY,
              ':child': aChild(),
              ':toys': [{ name: 'Toy 1', quantity: 1 }],
              ':message': 'Dear Santa, I have been good.',
              ':contentVersion': version,
              ':gsi1pk': 'OWNER#family-1#CHILD#lotta-2019',
              ':submittedAt': BASE_TIME,
            },
          },
        },
      ]);
      expect(await itemsIn(tableName)).toEqual([
        {
          pk: `LETTER#${aLetterId(1)}`,
          sk: 'LETTER',
          letterId: aLetterId(1),
          status: 'active',
          updatedAt: BASE_TIME,
          version,
          ownerId: A_FAMILY,
          child: aChild(),
          toys: [{ name: 'Toy 1', quantity: 1 }],
          message: 'Dear Santa, I have been good.',
          contentVersion: version,
          submittedAt: BASE_TIME,
          gsi1pk: 'OWNER#family-1#CHILD#lotta-2019',
        },
      ]);
    });

    it('ignores an event older than the one stored', async () => {
      const { store, tableName } = await aStore();
      const events = [submitted(aLetterId(1), 0, 1), amended(aLetterId(1), 3, 3)];
      await applyOneByOne(store, events);

      await store.apply([amended(aLetterId(1), 2, 2)]);

      expect(await itemsIn(tableName)).toEqual(fold(events).map(foldedItem));
      expect((await store.get(aLetterId(1)))?.view).toMatchObject({ toys: [{ name: 'Toy 3', quantity: 1 }], updatedAt: minutesLater(3) });
    });

    it('ignores an event it has already applied', async () => {
      const { store, tableName } = await aStore();
      const events = [submitted(aLetterId(1), 0, 1), withdrawn(aLetterId(1), 1, 2)];
      await store.apply(events);

      await store.apply([events[0]!, events[1]!, events[0]!]);

      expect(await itemsIn(tableName)).toEqual(fold(events).map(foldedItem));
    });

    it('keeps a withdrawal seen before its submission hidden, then shows the letter withdrawn once submitted', async () => {
      const { store, tableName } = await aStore();
      const withdrawal = withdrawn(aLetterId(1), 5, 2);
      const submission = submitted(aLetterId(1), 0, 1);

      await store.apply([withdrawal]);
      const beforeSubmission = {
        letter: await store.get(aLetterId(1)),
        list: await store.listByChild(A_FAMILY, 'lotta-2019', { limit: 10 }),
      };
      await store.apply([submission]);

      expect(beforeSubmission).toEqual({ letter: undefined, list: { items: [], nextCursor: null } });
      expect((await store.get(aLetterId(1)))?.view).toMatchObject({
        status: 'withdrawn',
        submittedAt: minutesLater(0),
        updatedAt: minutesLater(5),
      });
      expect(await itemsIn(tableName)).toEqual(fold([withdrawal, submission]).map(foldedItem));
    });

    it('keeps a letter withdrawn when its submission is newer than the withdrawal: LetterSubmitted only creates', async () => {
      const { store, tableName } = await aStore();
      const events = [withdrawn(aLetterId(1), 0, 1), submitted(aLetterId(1), 5, 2)];

      await applyOneByOne(store, events);

      expect(await itemsIn(tableName)).toEqual(fold(events).map(foldedItem));
      expect((await store.get(aLetterId(1)))?.view).toMatchObject({ status: 'withdrawn', submittedAt: minutesLater(5) });
    });

    it('keeps the amendment when a later LetterSubmitted of the letter arrives (a retry after the idempotency window)', async () => {
      const { store, tableName } = await aStore();
      const events = [submitted(aLetterId(1), 0, 1), amended(aLetterId(1), 1, 2), submitted(aLetterId(1), 2, 3)];

      await applyOneByOne(store, events);

      expect(await itemsIn(tableName)).toEqual(fold(events).map(foldedItem));
      expect((await store.get(aLetterId(1)))?.view).toMatchObject({ status: 'active', toys: [{ name: 'Toy 2', quantity: 1 }], updatedAt: minutesLater(1) });
    });

    it('keeps the content of the earliest LetterSubmitted when several arrive, in any order', async () => {
      const { store } = await aStore();

      await applyOneByOne(store, [submitted(aLetterId(1), 2, 2), submitted(aLetterId(1), 0, 1), submitted(aLetterId(1), 1, 3)]);

      expect((await store.get(aLetterId(1)))?.view).toMatchObject({ toys: [{ name: 'Toy 1', quantity: 1 }], submittedAt: BASE_TIME, updatedAt: BASE_TIME });
    });

    it('keeps the stored content when a batch is newer in status but older in content', async () => {
      const { store, tableName } = await aStore();
      const stored = [submitted(aLetterId(1), 0, 1), amended(aLetterId(1), 3, 3)];
      const batch = [amended(aLetterId(1), 2, 2), withdrawn(aLetterId(1), 4, 4)];
      await store.apply(stored);

      await store.apply(batch);

      expect(await itemsIn(tableName)).toEqual(fold([...stored, ...batch]).map(foldedItem));
      expect((await store.get(aLetterId(1)))?.view).toMatchObject({ status: 'withdrawn', toys: [{ name: 'Toy 3', quantity: 1 }] });
    });

    it('moves submittedAt earlier when a batch brings newer content and an earlier submission', async () => {
      const { store, tableName } = await aStore();
      const stored = [amended(aLetterId(1), 3, 3)];
      const batch = [submitted(aLetterId(1), 0, 1), amended(aLetterId(1), 4, 4)];
      await store.apply(stored);

      await store.apply(batch);

      expect(await itemsIn(tableName)).toEqual(fold([...stored, ...batch]).map(foldedItem));
      expect((await store.get(aLetterId(1)))?.view).toMatchObject({ submittedAt: minutesLater(0), toys: [{ name: 'Toy 4', quantity: 1 }] });
    });

    it('moves a letter to the list of its new child when an amendment changes the child', async () => {
      const { store } = await aStore();

      await store.apply([submitted(aLetterId(1), 0, 1, 'lotta-2019'), amended(aLetterId(1), 1, 2, 'emil-2018')]);

      expect(await store.listByChild(A_FAMILY, 'lotta-2019', { limit: 10 })).toEqual({ items: [], nextCursor: null });
      expect(await store.listByChild(A_FAMILY, 'emil-2018', { limit: 10 })).toMatchObject({
        items: [{ letterId: aLetterId(1), child: { id: 'emil-2018' } }],
        nextCursor: null,
      });
    });

    it('ends in the items of the pure fold, for in-order, reversed, duplicated, shuffled and concurrent delivery', async () => {
      const [a, b, c, d, e] = [1, 2, 3, 4, 5].map(aLetterId) as [string, string, string, string, string];
      const history = [
        submitted(a, 0, 1, 'lotta-2019'),
        amended(a, 2, 2, 'lotta-2019'),
        amended(a, 5, 3, 'lotta-2019'),
        withdrawn(a, 7, 4),
        submitted(b, 1, 5, 'emil-2018'),
        withdrawn(b, 3, 6),
        amended(b, 4, 7, 'emil-2018'),
        withdrawn(c, 1, 8),
        // Three events in the same millisecond: the eventId decides.
        submitted(d, 2, 10, 'lotta-2019'),
        amended(d, 2, 11, 'lotta-2019'),
        withdrawn(d, 2, 9),
        submitted(e, 1, 12, 'lotta-2019'),
        amended(e, 3, 13, 'ida-2020'),
      ];
      const inOrder = [...history].sort((x, y) => eventVersion(x).localeCompare(eventVersion(y)));
      const expected = fold(history).map(foldedItem);
      const deliveries: Record<string, (store: { apply(events: LetterEvent[]): Promise<void> }) => Promise<void>> = {
        'in order, one by one': (store) => applyOneByOne(store, inOrder),
        'newest first, one by one': (store) => applyOneByOne(store, [...inOrder].reverse()),
        'duplicated and shuffled, in one batch': (store) => store.apply(redelivered(history, 1)),
        ...Object.fromEntries(
          [2, 3, 4, 5].map((seed) => [
            `duplicated and shuffled (seed ${seed}), in batches`,
            async (store: { apply(events: LetterEvent[]): Promise<void> }) => {
              for (const batch of inBatches(redelivered(history, seed), 4, seed)) await store.apply(batch);
            },
          ]),
        ),
        'duplicated and shuffled, all batches at once': async (store) => {
          await Promise.all(inBatches(redelivered(history, 6), 3, 6).map((batch) => store.apply(batch)));
        },
      };

      const results: Record<string, LetterItem[]> = {};
      for (const [name, deliver] of Object.entries(deliveries)) {
        const { store, tableName } = await aStore();
        await deliver(store);
        results[name] = await itemsIn(tableName);
      }

      for (const [name, items] of Object.entries(results)) expect({ name, items }).toEqual({ name, items: expected });
      const { store } = await aStore();
      await store.apply(history);
      const views = await Promise.all([a, b, c, d, e].map(async (id) => (await store.get(id))?.view));
      const folded = fold(history);
      expect(views).toEqual([a, b, c, d, e].map((id) => toLetterView(folded.find((state) => state.letterId === id)!)));
    });

    it('ends in the items of the pure fold for any history delivered in any batches, duplicated and shuffled', async () => {
      // Two letters and four minutes, so that ties, stale events and mixed batches are frequent.
      const historyArbitrary = fc
        .array(
          fc.record({
            letter: fc.integer({ min: 1, max: 2 }),
            minute: fc.integer({ min: 0, max: 3 }),
            type: fc.constantFrom(...EVENT_TYPES),
            child: fc.constantFrom('lotta-2019', 'emil-2018'),
          }),
          { minLength: 2, maxLength: 8 },
        )
        .map((steps) =>
          steps.map(({ letter, minute, type, child }, index): LetterEvent =>
            type === 'LetterWithdrawn'
              ? withdrawn(aLetterId(letter), minute, index + 1)
              : withContent(type)(aLetterId(letter), minute, index + 1, child),
          ),
        );

      await fc.assert(
        fc.asyncProperty(historyArbitrary, fc.integer({ min: 1, max: 4 }), fc.nat(), async (events, maxBatch, seed) => {
          const { store, tableName } = await aStore();

          for (const batch of inBatches(redelivered(events, seed), maxBatch, seed)) await store.apply(batch);

          expect(await itemsIn(tableName)).toEqual(fold(events).map(foldedItem));
        }),
        { numRuns: 25, seed: 20261224 },
      );
    });

    it('rethrows an error that is not a failed condition', async () => {
      const store = createLettersStore({ client: dynamo.client, tableName: 'no-such-table' });

      const applying = store.apply([submitted(aLetterId(1), 0, 1)]);

      await expect(applying).rejects.toBeInstanceOf(ResourceNotFoundException);
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
