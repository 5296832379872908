import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as v from 'valibot';
import type { LetterEvent } from '../domain/events.js';
import { LetterId } from '../domain/ids.js';
import type { Child, LetterView, Toy } from '../domain/letter.js';
import { applyLetterEvent, type LetterState } from '../domain/letter-projection.js';
import { InvalidCursorError, type LetterReader, type Page, type Projection } from '../domain/ports.js';
import { settleAll, writeIfCondition } from './dynamodb-client.js';
import { childPartitionKey, LETTERS_TABLE, letterKey } from './letters-table.js';

export { InvalidCursorError };

/** A letter's item as stored; content attributes are absent until a Submitted/Amended event is seen. */
export interface LetterItem {
  pk: string;
  sk: string;
  letterId: string;
  status?: LetterState['status'];
  updatedAt?: string;
  version?: string;
  child?: Child;
  toys?: Toy[];
  message?: string | null;
  contentVersion?: string;
  submittedAt?: string;
  gsi1pk?: string;
}

/** The letters view in DynamoDB: the read side's LetterReader and the projector's Projection. */
export type LettersStore = LetterReader & Projection;

/** The letters view on one table; see letters-table.ts for its keys. */
export const createLettersStore = ({
  client,
  tableName,
}: {
  client: DynamoDBDocumentClient;
  tableName: string;
}): LettersStore => {
  const update = (letterId: string, change: Change) => () =>
    client.send(
      new UpdateCommand({ TableName: tableName, Key: letterKey(letterId), ...toUpdateExpression(letterId, change) }),
    );

  /*
   * Merges the folded state of one batch into the stored item without transactions.
   * Each of status, content and submittedAt has its own rule (latest, latest, earliest),
   * and a batch may be newer than the item in one and older in another, so the single
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

  const get = async (letterId: string): Promise<LetterView | undefined> => {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: letterKey(letterId) }));
    return Item ? itemToView(Item as LetterItem) : undefined;
  };

  const listByChild = async (
    childId: string,
    { limit, cursor }: { limit: number; cursor?: string },
  ): Promise<Page<LetterView>> => {
    const partition = childPartitionKey(childId);
    let startKey: Record<string, unknown> | undefined = cursor === undefined ? undefined : decodeCursor(cursor, partition);
    const items: LetterItem[] = [];
    // One item more than asked tells whether a next page exists, so no cursor leads to an empty page;
    // the loop also covers a Query cut short by DynamoDB's 1 MB page limit.
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: LETTERS_TABLE.byChildIndex,
          KeyConditionExpression: '#partition = :partition',
          ExpressionAttributeNames: { '#partition': LETTERS_TABLE.byChildPartitionKey },
          ExpressionAttributeValues: { ':partition': partition },
          ScanIndexForward: false,
          Limit: limit + 1 - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...((page.Items ?? []) as LetterItem[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey && items.length <= limit);

    const pageItems = items.slice(0, limit);
    const last = pageItems.at(-1);
    return {
      items: pageItems.map(itemToView).filter((view): view is LetterView => view !== undefined),
      nextCursor: items.length > limit && last ? encodeCursor(last) : null,
    };
  };

  return { apply, get, listByChild };
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
  const { content, contentVersion, submittedAt } = state;
  if (!content || contentVersion === undefined || submittedAt === undefined) return undefined;
  return {
    latest: {
      set: {
        child: content.child,
        toys: content.toys,
        message: content.message,
        contentVersion,
        [LETTERS_TABLE.byChildPartitionKey]: childPartitionKey(content.child.id),
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

const itemToView = (item: LetterItem): LetterView | undefined =>
  item.child && item.toys && item.message !== undefined && item.status && item.submittedAt && item.updatedAt
    ? {
        letterId: item.letterId,
        child: item.child,
        toys: item.toys,
        message: item.message,
        status: item.status,
        submittedAt: item.submittedAt,
        updatedAt: item.updatedAt,
      }
    : undefined;

const IsoTimestamp = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/u));

/** A LastEvaluatedKey of the byChild index: the index keys plus the table keys. */
const CursorKey = v.strictObject({
  pk: v.pipe(
    v.string(),
    v.startsWith(LETTERS_TABLE.letterKeyPrefix),
    v.check((pk) => v.is(LetterId, pk.slice(LETTERS_TABLE.letterKeyPrefix.length))),
  ),
  sk: v.literal(LETTERS_TABLE.letterSortKey),
  gsi1pk: v.string(),
  submittedAt: IsoTimestamp,
});
type CursorKey = v.InferOutput<typeof CursorKey>;

/** The cursor after `item` is the key Query would return as LastEvaluatedKey had it stopped there. */
const encodeCursor = (item: LetterItem): string =>
  Buffer.from(JSON.stringify({ pk: item.pk, sk: item.sk, gsi1pk: item.gsi1pk, submittedAt: item.submittedAt })).toString(
    'base64url',
  );

const decodeCursor = (cursor: string, partition: string): CursorKey => {
  const invalid = () => new InvalidCursorError('cursor is not one this list handed out');
  if (!/^[A-Za-z0-9_-]+$/u.test(cursor)) throw invalid();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const result = v.safeParse(CursorKey, json);
  // A key of another child's partition would make DynamoDB fail the Query with a 500.
  if (!result.success || result.output.gsi1pk !== partition) throw invalid();
  return result.output;
};
