import type * as v from 'valibot';
import type { LetterEvent } from './events.js';
import { LetterEventV1 } from './events-v1.js';

/**
 * The owner of a version 1 event. Version 1 carried no owner and was written before callers
 * had accounts, so its letters belong to no family: elves see them, families never do. No
 * caller can be this account (shared/http/caller.ts refuses a token with this `sub`).
 */
export const LEGACY_OWNER_ID = 'urn:santas-workshop:owner:legacy-v1';

/** One version step: the schema of version `from`, and how an event of it reads in version `from + 1`. */
export interface Upcaster<From extends v.GenericSchema = v.GenericSchema> {
  schema: From;
  upcast: (event: v.InferOutput<From>) => unknown;
}

const upcaster = <From extends v.GenericSchema>(step: Upcaster<From>): Upcaster => step as unknown as Upcaster;

/** Version 1 → 2: the letter gains the legacy owner; nothing else changed. */
export const upcastV1 = (event: LetterEventV1): LetterEvent => ({ ...event, schemaVersion: 2, ownerId: LEGACY_OWNER_ID });

/**
 * Every accepted older version, keyed by the version it reads: the only place that knows how
 * an older event reads today. A version with no step here (and not the current one) is
 * refused. Dropping the oldest step is how a version stops being accepted.
 */
export const UPCASTERS: ReadonlyMap<number, Upcaster> = new Map([[1, upcaster({ schema: LetterEventV1, upcast: upcastV1 })]]);
