import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChildErasureKey } from '../domain/child-pseudonyms.js';
import type { LetterObserver } from '../domain/observation-ports.js';
import { InvalidCursorError, type LetterReader, type Projection } from '../domain/ports.js';
import { createLettersReader } from './letters-reader.js';
import { createLettersWriter } from './letters-writer.js';

export { InvalidCursorError };
export type { LetterItem } from './letters-table.js';

/** The letters view in DynamoDB: the read side's LetterReader (and LetterObserver) and the projector's Projection. */
export type LettersStore = LetterReader & LetterObserver & Projection;

/** Both sides of the letters view on one table, for callers that need both (the projector's tools, tests). */
export const createLettersStore = (options: {
  client: DynamoDBDocumentClient;
  tableName: string;
  retentionDays?: number;
  childErasureKey: ChildErasureKey;
}): LettersStore => ({
  ...createLettersReader(options),
  ...createLettersWriter(options),
});
