import { createChildPseudonym } from '../domain/child-pseudonyms.js';

/** A fixed key set's pseudonyms, so tests see the same child keys every run. */
export const testChildPseudonym = createChildPseudonym({ current: 't1', keys: { t1: Buffer.alloc(32, 7).toString('base64url') } });
