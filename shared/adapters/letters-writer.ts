import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChildErasureKey } from '../domain/child-pseudonyms.js';
import { isLetterChange } from '../domain/erasure.js';
import { isChildErased, isContentEvent, type LetterEvent } from '../domain/events.js';
import { applyLetterEvent, type LetterState } from '../domain/letter-projection.js';
import type { Projection } from '../domain/ports.js';
import { DEFAULT_RETENTION_DAYS, expiryOf } from '../domain/retention.js';
import { settleAll, writeIfCondition } from './dynamodb-client.js';
import { createErasureTombstones } from './erasure-tombstones.js';
import { childPartitionKey, LETTERS_TABLE, letterKey } from './letters-table.js';

/**
 * The projector's side of the letters view on one table: applies events with the rules of
 * applyLetterEvent and ChildErased with those of domain/erasure.ts. An erased letter's item
 * becomes its tombstone (ids and times only), and every letter write is conditional on the
 * item not being one, so nothing brings an erased letter back.
 */
export const createLettersWriter = ({
  client,
  tableName,
  retentionDays = DEFAULT_RETENTION_DAYS,
  childErasureKey,
}: {
  client: DynamoDBDocumentClient;
  tableName: string;
  retentionDays?: number;
  /** Names the child in tombstones: a keyed hash of account and child id. */
  childErasureKey: ChildErasureKey;
}): Projection => {
  const update = (letterId: string, change: Change) => () =>
    client.send(new UpdateCommand({ TableName: tableName, Key: letterKey(letterId), ...toUpdateExpression(letterId, change) }));
  const tombstones = createErasureTombstones({ client, tableName, retentionDays, childErasureKey });
  const expiry = (isoTime: string) => expiryOf(isoTime, retentionDays);

  // Replaces the letter with its tombstone; a later erasure time is kept, so repeats change nothing.
  const eraseLetter = (letterId: string, erasedAt: string) =>
    writeIfCondition(() =>
      client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...letterKey(letterId), letterId, erasedAt, [LETTERS_TABLE.expiresAt]: expiry(erasedAt) },
          ConditionExpression: 'attribute_not_exists(erasedAt) OR erasedAt < :erasedAt',
          ExpressionAttributeValues: { ':erasedAt': erasedAt },
        }),
      ),
    );

  /*
   * Merges the folded state of one batch into the stored item without transactions.
   * Each of status, content and submittedAt has its own rule (greatest precedence, greatest
   * precedence, earliest), and a batch may win in one and lose in another, so the single
   * write is only taken when the batch wins all three; otherwise each part is written
   * under its own condition. Status goes first, so an item with content always has a status.
   */
  const mergeState = async (state: LetterState, expiresAt: number): Promise<void> => {
    const status = statusChange(state, expiresAt);
    const content = contentChange(state);
    if (!content) {
      await writeIfCondition(update(state.letterId, status));
      return;
    }
    if (await writeIfCondition(update(state.letterId, wholeChange(status, content)))) return;
    await writeIfCondition(update(state.letterId, status));
    await writeIfCondition(update(state.letterId, content.latest));
    await writeIfCondition(update(state.letterId, content.earliest));
  };

  // Letters first, then the erasure bookkeeping: a letter written here and erased by a
  // concurrent erasure is found by one side or the other (see erasure-tombstones.ts).
  const apply = async (events: LetterEvent[]): Promise<void> => {
    const states = new Map<string, LetterState>();
    for (const event of events.filter(isLetterChange)) states.set(event.letterId, applyLetterEvent(states.get(event.letterId), event));
    await settleAll([...states.values()].map((state) => mergeState(state, expiry(state.updatedAt))));
    const erased = await tombstones.erasedAmong(events.filter(isContentEvent));
    for (const erasure of events.filter(isChildErased)) {
      for (const letterId of await tombstones.erasedBy(erasure)) {
        if (!(erased.get(letterId)! >= erasure.occurredAt)) erased.set(letterId, erasure.occurredAt);
      }
    }
    await settleAll([...erased].map(([letterId, erasedAt]) => eraseLetter(letterId, erasedAt)));
  };

  return { apply };
};

/** Attributes to set, and under which condition; condition placeholders name attributes of `set`. */
interface Change {
  set: Record<string, unknown>;
  setIfMissing?: Record<string, unknown>;
  condition: string;
}

const isNewer = (name: string) => `(attribute_not_exists(#${name}) OR #${name} < :${name})`;
const isNotLater = (name: string) => `(attribute_not_exists(#${name}) OR #${name} <= :${name})`;
const isLater = (name: string) => `(attribute_not_exists(#${name}) OR #${name} > :${name})`;

// The item expires a season after the change that set its status (its latest).
const statusChange = (state: LetterState, expiresAt: number): Change => ({
  set: { status: state.status, updatedAt: state.updatedAt, version: state.version, [LETTERS_TABLE.expiresAt]: expiresAt },
  condition: isNewer('version'),
});

const contentChange = (state: LetterState): { latest: Change; earliest: Change } | undefined => {
  const { content, contentVersion, submittedAt, ownerId } = state;
  if (!content || contentVersion === undefined || submittedAt === undefined || ownerId === undefined) return undefined;
  return {
    latest: {
      set: {
        ownerId,
        child: content.child,
        toys: content.toys,
        message: content.message,
        contentVersion,
        [LETTERS_TABLE.byChildPartitionKey]: childPartitionKey(ownerId, content.child.id),
      },
      // Set together with content so the letter enters the byChild index whole.
      setIfMissing: { submittedAt },
      condition: isNewer('contentVersion'),
    },
    earliest: { set: { submittedAt }, condition: isLater('submittedAt') },
  };
};

const wholeChange = (status: Change, content: { latest: Change }): Change => ({
  set: { ...status.set, ...content.latest.set },
  ...(content.latest.setIfMissing ? { setIfMissing: content.latest.setIfMissing } : {}),
  // submittedAt is kept, never moved earlier, by if_not_exists, hence "not later" here.
  condition: `${status.condition} AND ${content.latest.condition} AND ${isNotLater('submittedAt')}`,
});

const toUpdateExpression = (letterId: string, change: Change) => {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const name = (attribute: string, value: unknown) => {
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = value;
  };
  const assignments = [
    ...Object.entries({ letterId, ...change.set }).map(([attribute, value]) => {
      name(attribute, value);
      return `#${attribute} = :${attribute}`;
    }),
    ...Object.entries(change.setIfMissing ?? {}).map(([attribute, value]) => {
      name(attribute, value);
      return `#${attribute} = if_not_exists(#${attribute}, :${attribute})`;
    }),
  ];
  names['#erasedAt'] = 'erasedAt';
  return {
    UpdateExpression: `SET ${assignments.join(', ')}`,
    // An erased letter's tombstone refuses every later write (every condition is an AND of parenthesised terms).
    ConditionExpression: `${change.condition} AND attribute_not_exists(#erasedAt)`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
};
