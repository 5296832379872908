import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { generateLetterIdKeySet } from '../domain/letter-ids.js';
import { createChildPseudonym } from '../domain/child-pseudonyms.js';
import { loadChildPseudonym } from './child-pseudonym-keys.js';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:child-pseudonym-AbCdEf';

describe('child pseudonyms', () => {
  const keySet = generateLetterIdKeySet();
  const pseudonym = createChildPseudonym(keySet);

  it('are the same for the same account and child, different for another account, child or key', () => {
    const other = createChildPseudonym(generateLetterIdKeySet());

    expect(pseudonym('family-1', 'kid-a')).toBe(pseudonym('family-1', 'kid-a'));
    expect(pseudonym('family-1', 'kid-a')).toMatch(/^k1:[A-Za-z0-9_-]{43}$/u);
    expect(new Set([pseudonym('family-1', 'kid-a'), pseudonym('family-2', 'kid-a'), pseudonym('family-1', 'kid-b'), other('family-1', 'kid-a')]).size).toBe(4);
    // Length framing: shifting characters between owner and child gives another pseudonym.
    expect(pseudonym('family-1k', 'id-a')).not.toBe(pseudonym('family-1', 'kid-a'));
  });

  it('load their key set from CHILD_PSEUDONYM_KEYS or the Secrets Manager secret, and name the variable when it is bad', async () => {
    const secrets = mockClient(SecretsManagerClient);
    secrets.on(GetSecretValueCommand, { SecretId: SECRET_ARN }).resolves({ SecretString: JSON.stringify(keySet) });

    const fromValue = await loadChildPseudonym({ value: JSON.stringify(keySet) });
    const fromSecret = await loadChildPseudonym({ secretArn: SECRET_ARN, client: new SecretsManagerClient({}) });

    expect(fromValue('family-1', 'kid-a')).toBe(pseudonym('family-1', 'kid-a'));
    expect(fromSecret('family-1', 'kid-a')).toBe(pseudonym('family-1', 'kid-a'));
    await expect(loadChildPseudonym({ value: '{"current":"k9","keys":{}}' })).rejects.toThrow(/^CHILD_PSEUDONYM_KEYS is not a letter id key set/u);
    await expect(loadChildPseudonym({})).rejects.toThrow('neither CHILD_PSEUDONYM_KEYS_SECRET_ARN nor CHILD_PSEUDONYM_KEYS is set');
    secrets.restore();
  });
});
