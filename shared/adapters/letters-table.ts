import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { Child, Toy } from '../domain/letter.js';
import type { LetterState } from '../domain/letter-projection.js';
import type { StoredLetter } from '../domain/ports.js';
import type { LetterProgress } from '../domain/version-inclusion.js';
import { ERASURE_KEYS } from './erasure-tombstones.js';

/**
 * The letters view's single-table design. Terraform declares the same names, so change
 * them only together with infra/.
 * - a letter: pk `LETTER#<letterId>`, sk `LETTER`;
 * - index `byChild`: partition gsi1pk `OWNER#<account, URI-encoded>#CHILD#<childId>` (child
 *   ids are per account), sort submittedAt (sparse: only letters whose content is known are in it);
 * - an erased letter: its item holds only letterId, `erasedAt` and `expiresAt` (the tombstone);
 * - erasure bookkeeping per account's child: see erasure-tombstones.ts;
 * - TTL: every item has `expiresAt` (epoch seconds), a season after its latest event.
 */
export const LETTERS_TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  byChildIndex: 'byChild',
  byChildPartitionKey: 'gsi1pk',
  byChildSortKey: 'submittedAt',
  letterKeyPrefix: 'LETTER#',
  letterSortKey: 'LETTER',
  ownerKeyPrefix: 'OWNER#',
  childKeyPrefix: 'CHILD#',
  expiresAt: ERASURE_KEYS.expiresAt,
} as const;

/** The TTL attribute of the letters table (Terraform's `ttl { attribute_name }`). */
export const LETTERS_TTL_ATTRIBUTE = LETTERS_TABLE.expiresAt;

/** A letter's item as stored; content attributes are absent until a Submitted/Amended event is seen. */
export interface LetterItem {
  pk: string;
  sk: string;
  letterId: string;
  status?: LetterState['status'];
  updatedAt?: string;
  version?: string;
  ownerId?: string;
  child?: Child;
  toys?: Toy[];
  message?: string | null;
  contentVersion?: string;
  submittedAt?: string;
  gsi1pk?: string;
  expiresAt?: number;
  /** Set on an erased letter's tombstone, which holds nothing else but its keys, letterId and expiresAt. */
  erasedAt?: string;
}

/** The primary key of a letter's item. */
export const letterKey = (letterId: string): { pk: string; sk: string } => ({
  pk: `${LETTERS_TABLE.letterKeyPrefix}${letterId}`,
  sk: LETTERS_TABLE.letterSortKey,
});

/** The byChild partition key value of one account's child; encoding keeps any `sub` from forging a separator. */
export const childPartitionKey = (ownerId: string, childId: string): string =>
  `${LETTERS_TABLE.ownerKeyPrefix}${encodeURIComponent(ownerId)}#${LETTERS_TABLE.childKeyPrefix}${childId}`;

/** The letter an item holds, or undefined while its content is unknown. */
export const itemToStoredLetter = (item: LetterItem): StoredLetter | undefined =>
  item.ownerId && item.child && item.toys && item.message !== undefined && item.status && item.submittedAt && item.updatedAt
    ? {
        ownerId: item.ownerId,
        view: {
          letterId: item.letterId,
          child: item.child,
          toys: item.toys,
          message: item.message,
          status: item.status,
          submittedAt: item.submittedAt,
          updatedAt: item.updatedAt,
        },
      }
    : undefined;

/** How far the projection of an item's letter has got (read-your-writes compares it with a version). */
export const itemProgress = ({ version, contentVersion, submittedAt, erasedAt }: LetterItem): LetterProgress => ({
  ...(version === undefined ? {} : { version }),
  ...(contentVersion === undefined ? {} : { contentVersion }),
  ...(submittedAt === undefined ? {} : { submittedAt }),
  ...(erasedAt === undefined ? {} : { erasedAt }),
});

/** The CreateTable input of the letters table (local mode and tests; Terraform mirrors it). */
export const lettersTableDefinition = (tableName: string): CreateTableCommandInput => ({
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: LETTERS_TABLE.partitionKey, AttributeType: 'S' },
    { AttributeName: LETTERS_TABLE.sortKey, AttributeType: 'S' },
    { AttributeName: LETTERS_TABLE.byChildPartitionKey, AttributeType: 'S' },
    { AttributeName: LETTERS_TABLE.byChildSortKey, AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: LETTERS_TABLE.partitionKey, KeyType: 'HASH' },
    { AttributeName: LETTERS_TABLE.sortKey, KeyType: 'RANGE' },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: LETTERS_TABLE.byChildIndex,
      KeySchema: [
        { AttributeName: LETTERS_TABLE.byChildPartitionKey, KeyType: 'HASH' },
        { AttributeName: LETTERS_TABLE.byChildSortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    },
  ],
});
