import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createChildPseudonym, type ChildPseudonym } from '../domain/child-pseudonyms.js';
import { loadLetterIdKeySet } from './letter-id-keys.js';

/**
 * The child pseudonym function, its key set loaded once at cold start: from the Secrets
 * Manager secret `secretArn` on AWS (the migrate function fills it), or the JSON `value` locally.
 */
export const loadChildPseudonym = async (source: { secretArn?: string | undefined; value?: string | undefined; client?: SecretsManagerClient }): Promise<ChildPseudonym> =>
  createChildPseudonym(await loadLetterIdKeySet({ ...source, names: { secretArn: 'CHILD_PSEUDONYM_KEYS_SECRET_ARN', value: 'CHILD_PSEUDONYM_KEYS' } }));
