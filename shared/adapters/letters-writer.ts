import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LetterEvent } from '../domain/events.js';
import { applyLetterEvent, type LetterState } from '../domain/letter-projection.js';
import type { Projection } from '../domain/ports.js';
import { settleAll, writeIfCondition } from './dynamodb-client.js';
import { childPartitionKey, LETTERS_TABLE, letterKey } from './letters-table.js';

/** The projector's side of the letters view on one table: applies events with the rules of applyLetterEvent. */
export const createLettersWriter = ({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): Projection => {
  const update = (letterId: string, change: Change) => () =>
    client.send(new UpdateCommand({ TableName: tableName, Key: letterKey(letterId), ...toUpdateExpression(letterId, change) }));

  /*
   * Merges the folded state of one batch into the stored item without transactions.
   * Each of status, content and submittedAt has its own rule (greatest precedence, greatest
   * precedence, earliest), and a batch may win in one and lose in another, so the single
   * write is only taken when the batch wins all three; otherwise each part is written
   * under its own condition. Status goes first, so an item with content always has a status.
   */
  const mergeState = async (state: LetterState): Promise<void> => {
    const status = statusChange(state);
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

  const apply = async (events: LetterEvent[]): Promise<void> => {
    const states = new Map<string, LetterState>();
    for (const event of events) states.set(event.letterId, applyLetterEvent(states.get(event.letterId), event));
    await settleAll([...states.values()].map(mergeState));
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

const statusChange = (state: LetterState): Change => ({
  set: { status: state.status, updatedAt: state.updatedAt, version: state.version },
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
  return {
    UpdateExpression: `SET ${assignments.join(', ')}`,
    ConditionExpression: change.condition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
};
