import * as v from 'valibot';
import { LetterId } from '../domain/ids.js';
import { InvalidCursorError } from '../domain/ports.js';
import { LETTERS_TABLE, type LetterItem } from './letters-table.js';

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
export type CursorKey = v.InferOutput<typeof CursorKey>;

/** The cursor after `item` is the key Query would return as LastEvaluatedKey had it stopped there. */
export const encodeCursor = (item: LetterItem): string =>
  Buffer.from(JSON.stringify({ pk: item.pk, sk: item.sk, gsi1pk: item.gsi1pk, submittedAt: item.submittedAt })).toString(
    'base64url',
  );

/** The start key a cursor stands for; InvalidCursorError unless it came from a page of this very partition. */
export const decodeCursor = (cursor: string, partition: string): CursorKey => {
  const invalid = () => new InvalidCursorError('cursor is not one this list handed out');
  if (!/^[A-Za-z0-9_-]+$/u.test(cursor)) throw invalid();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const result = v.safeParse(CursorKey, json);
  // A key of another partition (another child, another account) would make DynamoDB fail the
  // Query with a 500, or start another account's list: refused here.
  if (!result.success || result.output.gsi1pk !== partition) throw invalid();
  return result.output;
};
