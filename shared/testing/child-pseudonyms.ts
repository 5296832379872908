import { createChildPseudonym } from '../domain/child-pseudonyms.js';

/** A fixed key set's pseudonyms, so tests see the same child keys every run. */
export const testChildPseudonym = createChildPseudonym({ current: 't1', keys: { t1: Buffer.alloc(32, 7).toString('base64url') } });

/** The fixed key set of testChildErasureKey, as CHILD_ERASURE_KEYS holds it. */
export const TEST_CHILD_ERASURE_KEY_SET = { current: 'e1', keys: { e1: Buffer.alloc(32, 9).toString('base64url') } };

/** A fixed key set's child erasure keys (tombstones in the DynamoDB tables). */
export const testChildErasureKey = createChildPseudonym(TEST_CHILD_ERASURE_KEY_SET);
