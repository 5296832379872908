import { testChildErasureKey } from './child-pseudonyms.js';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createLettersStore, type LetterItem } from '../adapters/letters-store.js';
import { lettersTableDefinition } from '../adapters/letters-table.js';
import type { RunningDynalite } from './dynalite.js';
import { aChild, aLetter, anErasure, anEvent, anEventId, minutesLater } from './letters.js';

let tables = 0;

/** A letters view (reader and writer) on a fresh table of this dynalite, so tests do not see each other's letters. */
export const aLettersStore = async (dynamo: RunningDynalite, client?: DynamoDBDocumentClient) => {
  const tableName = `letters-${++tables}`;
  await dynamo.createTable(lettersTableDefinition(tableName));
  return { tableName, store: createLettersStore({ childErasureKey: testChildErasureKey, client: client ?? dynamo.client, tableName }) };
};

/** Every letter item of a letters table (letters and letter tombstones, not the erasure bookkeeping), by primary key. */
export const lettersItemsIn = async (dynamo: RunningDynalite, tableName: string): Promise<LetterItem[]> => {
  const { Items = [] } = await dynamo.client.send(new ScanCommand({ TableName: tableName }));
  return (Items as LetterItem[]).filter((item) => item.sk === 'LETTER').sort((a, b) => a.pk.localeCompare(b.pk));
};

/** A ChildErased of A_FAMILY's child at a minute after BASE_TIME, numbered like withContent's events. */
export const erased = (childId: string, minute: number, eventNumber: number, ownerId?: string) =>
  anErasure({ childId, occurredAt: minutesLater(minute), eventId: anEventId(eventNumber), ...(ownerId ? { ownerId } : {}) });

/** A content event whose toy is named after its event number, so tests can tell contents apart. */
export const withContent =
  (type: 'LetterSubmitted' | 'LetterAmended') =>
  (letterId: string, minute: number, eventNumber: number, childId = 'lotta-2019') =>
    anEvent(type, {
      letterId,
      occurredAt: minutesLater(minute),
      eventId: anEventId(eventNumber),
      letter: aLetter({ child: aChild({ id: childId }), toys: [{ name: `Toy ${eventNumber}`, quantity: 1 }] }),
    });

export const submitted = withContent('LetterSubmitted');
export const amended = withContent('LetterAmended');

/** A withdrawal at a minute after BASE_TIME, numbered like withContent's events. */
export const withdrawn = (letterId: string, minute: number, eventNumber: number) =>
  anEvent('LetterWithdrawn', { letterId, occurredAt: minutesLater(minute), eventId: anEventId(eventNumber) });
