import { testChildErasureKey } from '../testing/child-pseudonyms.js';
import { ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erasedLetters, foldLetters } from '../domain/erasure.js';
import { EVENT_TYPES, LETTER_EVENT_TYPES, eventVersion, type LetterChange, type LetterEvent } from '../domain/events.js';
import { DEFAULT_RETENTION_DAYS, expiryOf } from '../domain/retention.js';
import { applyLetterEvent, precedenceOf, toLetterView, type LetterState } from '../domain/letter-projection.js';
import { startDynalite, type RunningDynalite } from '../testing/dynalite.js';
import { A_FAMILY, ANOTHER_FAMILY, aChild, aLetterId, aLetterIdOf, anEvent, anEventId, BASE_TIME, inBatches, minutesLater, redelivered } from '../testing/letters.js';
import { aLettersStore, amended, erased, lettersItemsIn, submitted, withContent, withdrawn } from '../testing/letters-view.js';
import { createLettersStore, type LetterItem } from './letters-store.js';

let dynamo: RunningDynalite;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

const aStore = (client?: DynamoDBDocumentClient) => aLettersStore(dynamo, client);
const itemsIn = (tableName: string) => lettersItemsIn(dynamo, tableName);

/** The item the store must hold for a letter, as the pure fold computes it. */
const foldedItem = (state: LetterState): LetterItem => ({
  pk: `LETTER#${state.letterId}`,
  sk: 'LETTER',
  letterId: state.letterId,
  status: state.status,
  updatedAt: state.updatedAt,
  version: state.version,
  expiresAt: expiryOf(state.updatedAt, DEFAULT_RETENTION_DAYS),
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

const fold = (events: LetterChange[]): LetterState[] => {
  const states = new Map<string, LetterState>();
  for (const event of events) states.set(event.letterId, applyLetterEvent(states.get(event.letterId), event));
  return [...states.values()].sort((a, b) => a.letterId.localeCompare(b.letterId));
};

/** The letter items the store must hold after a set of events, erasures included: folded letters and tombstones. */
const expectedItems = (events: LetterEvent[]): LetterItem[] =>
  [
    ...[...foldLetters(events).values()].map(foldedItem),
    ...[...erasedLetters(events)].map(([letterId, erasedAt]) => ({
      pk: `LETTER#${letterId}`,
      sk: 'LETTER',
      letterId,
      erasedAt,
      expiresAt: expiryOf(erasedAt, DEFAULT_RETENTION_DAYS),
    })),
  ].sort((a, b) => a.pk.localeCompare(b.pk));

const applyOneByOne = async (store: { apply(events: LetterEvent[]): Promise<void> }, events: LetterEvent[]) => {
  for (const event of events) await store.apply([event]);
};

describe('createLettersWriter', () => {
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
      expect(sent.filter(({ input }) => (input as { Key?: { pk: string } }).Key?.pk === `LETTER#${aLetterId(1)}`)).toEqual([
        {
          command: 'UpdateCommand',
          input: {
            TableName: tableName,
            Key: { pk: `LETTER#${aLetterId(1)}`, sk: 'LETTER' },
            UpdateExpression:
              'SET #letterId = :letterId, #status = :status, #updatedAt = :updatedAt, #version = :version, #expiresAt = :expiresAt, ' +
              '#ownerId = :ownerId, #child = :child, #toys = :toys, #message = :message, #contentVersion = :contentVersion, ' +
              '#gsi1pk = :gsi1pk, #submittedAt = if_not_exists(#submittedAt, :submittedAt)',
            ConditionExpression:
              '(attribute_not_exists(#version) OR #version < :version) AND ' +
              '(attribute_not_exists(#contentVersion) OR #contentVersion < :contentVersion) AND ' +
              '(attribute_not_exists(#submittedAt) OR #submittedAt <= :submittedAt) AND attribute_not_exists(#erasedAt)',
            ExpressionAttributeNames: {
              '#letterId': 'letterId',
              '#status': 'status',
              '#updatedAt': 'updatedAt',
              '#version': 'version',
              '#expiresAt': 'expiresAt',
              '#ownerId': 'ownerId',
              '#child': 'child',
              '#toys': 'toys',
              '#message': 'message',
              '#contentVersion': 'contentVersion',
              '#gsi1pk': 'gsi1pk',
              '#submittedAt': 'submittedAt',
              '#erasedAt': 'erasedAt',
            },
            ExpressionAttributeValues: {
              ':letterId': aLetterId(1),
              ':status': 'active',
              ':updatedAt': BASE_TIME,
              ':version': version,
              ':expiresAt': expiryOf(BASE_TIME, DEFAULT_RETENTION_DAYS),
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
          expiresAt: expiryOf(BASE_TIME, DEFAULT_RETENTION_DAYS),
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
      const deliveries: Record<string, (store: { apply(events: LetterChange[]): Promise<void> }) => Promise<void>> = {
        'in order, one by one': (store) => applyOneByOne(store, inOrder),
        'newest first, one by one': (store) => applyOneByOne(store, [...inOrder].reverse()),
        'duplicated and shuffled, in one batch': (store) => store.apply(redelivered(history, 1)),
        ...Object.fromEntries(
          [2, 3, 4, 5].map((seed) => [
            `duplicated and shuffled (seed ${seed}), in batches`,
            async (store: { apply(events: LetterChange[]): Promise<void> }) => {
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
            type: fc.constantFrom(...LETTER_EVENT_TYPES),
            child: fc.constantFrom('lotta-2019', 'emil-2018'),
          }),
          { minLength: 2, maxLength: 8 },
        )
        .map((steps) =>
          steps.map(({ letter, minute, type, child }, index): LetterChange =>
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

    it('ends in the letters and tombstones of the pure fold for any history with erasures, in sequential or concurrent batches', async () => {
      // Three letters, two children, two accounts and four minutes: erasures before, between and after content events.
      const historyArbitrary = fc
        .array(
          fc.record({
            letter: fc.integer({ min: 1, max: 3 }),
            minute: fc.integer({ min: 0, max: 3 }),
            type: fc.constantFrom(...EVENT_TYPES),
            child: fc.constantFrom('lotta-2019', 'emil-2018'),
            ownErasure: fc.boolean(),
          }),
          { minLength: 2, maxLength: 10 },
        )
        .map((steps) =>
          steps.map(({ letter, minute, type, child, ownErasure }, index): LetterEvent => {
            if (type === 'ChildErased') return erased(child, minute, index + 1, ownErasure ? A_FAMILY : ANOTHER_FAMILY);
            return type === 'LetterWithdrawn' ? withdrawn(aLetterId(letter), minute, index + 1) : withContent(type)(aLetterId(letter), minute, index + 1, child);
          }),
        );

      await fc.assert(
        fc.asyncProperty(historyArbitrary, fc.integer({ min: 1, max: 4 }), fc.nat(), fc.boolean(), async (events, maxBatch, seed, concurrent) => {
          const { store, tableName } = await aStore();
          const batches = inBatches(redelivered(events, seed), maxBatch, seed);

          if (concurrent) await Promise.all(batches.map((batch) => store.apply(batch)));
          else for (const batch of batches) await store.apply(batch);

          expect(await itemsIn(tableName)).toEqual(expectedItems(events));
        }),
        { numRuns: 40, seed: 20261225 },
      );
    });

    it("erases the child's letters submitted before the erasure for good, and keeps later letters, other children and other accounts", async () => {
      const { store } = await aStore();
      const [before, after, sibling] = [aLetterId(1), aLetterId(2), aLetterId(3)];
      const theirs = aLetterIdOf(ANOTHER_FAMILY);
      await store.apply([
        submitted(before, 0, 1),
        submitted(sibling, 0, 2, 'emil-2018'),
        anEvent('LetterSubmitted', { letterId: theirs, ownerId: ANOTHER_FAMILY, eventId: anEventId(3) }),
      ]);

      await store.apply([erased('lotta-2019', 1, 4)]);
      // An amendment after the erasure, and the letter's own submission redriven from a DLQ.
      await store.apply([amended(before, 2, 5), submitted(after, 2, 6), withdrawn(before, 3, 7)]);
      await store.apply([submitted(before, 0, 1)]);

      expect(await store.get(before)).toBeUndefined();
      expect((await store.listByChild(A_FAMILY, 'lotta-2019', { limit: 10 })).items.map(({ letterId }) => letterId)).toEqual([after]);
      expect((await store.listByChild(A_FAMILY, 'emil-2018', { limit: 10 })).items.map(({ letterId }) => letterId)).toEqual([sibling]);
      expect((await store.listByChild(ANOTHER_FAMILY, 'lotta-2019', { limit: 10 })).items.map(({ letterId }) => letterId)).toEqual([theirs]);
    });

    it('erases a letter that named the child before the erasure even when an amendment moved it to another child', async () => {
      const { store } = await aStore();
      await store.apply([submitted(aLetterId(1), 0, 1, 'lotta-2019'), amended(aLetterId(1), 1, 2, 'emil-2018')]);

      await store.apply([erased('lotta-2019', 2, 3)]);

      expect(await store.get(aLetterId(1))).toBeUndefined();
      expect((await store.listByChild(A_FAMILY, 'emil-2018', { limit: 10 })).items).toEqual([]);
    });

    it('rethrows an error that is not a failed condition', async () => {
      const store = createLettersStore({ childErasureKey: testChildErasureKey, client: dynamo.client, tableName: 'no-such-table' });

      const applying = store.apply([submitted(aLetterId(1), 0, 1)]);

      await expect(applying).rejects.toBeInstanceOf(ResourceNotFoundException);
    });
  });

});
