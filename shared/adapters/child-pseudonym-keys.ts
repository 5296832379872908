import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createChildPseudonym, type ChildErasureKey, type ChildPseudonym } from '../domain/child-pseudonyms.js';
import { loadLetterIdKeySet } from './letter-id-keys.js';

/**
 * The child pseudonym function, its key set loaded once at cold start: from the Secrets
 * Manager secret `secretArn` on AWS (the migrate function fills it), or the JSON `value` locally.
 */
export const loadChildPseudonym = async (source: { secretArn?: string | undefined; value?: string | undefined; client?: SecretsManagerClient }): Promise<ChildPseudonym> =>
  createChildPseudonym(await loadLetterIdKeySet({ ...source, names: { secretArn: 'CHILD_PSEUDONYM_KEYS_SECRET_ARN', value: 'CHILD_PSEUDONYM_KEYS' } }));

/**
 * The child erasure key of the DynamoDB projectors (tombstones, stored erasures), loaded once
 * at cold start as the pseudonym key is: from the secret `secretArn` on AWS, the JSON `value` locally.
 */
export const loadChildErasureKey = async (source: { secretArn?: string | undefined; value?: string | undefined; client?: SecretsManagerClient }): Promise<ChildErasureKey> =>
  createChildPseudonym(await loadLetterIdKeySet({ ...source, names: { secretArn: 'CHILD_ERASURE_KEYS_SECRET_ARN', value: 'CHILD_ERASURE_KEYS' } }));
