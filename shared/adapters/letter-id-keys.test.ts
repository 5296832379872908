import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { generateLetterIdKeySet } from '../domain/letter-ids.js';
import { loadLetterIdKeySet, LetterIdKeysError } from './letter-id-keys.js';

const secretArn = 'arn:aws:secretsmanager:eu-north-1:123456789012:secret:letter-id-keys-AbCdEf';
const secrets = mockClient(SecretsManagerClient);
afterEach(() => secrets.reset());

describe('loadLetterIdKeySet', () => {
  it('reads the key set from the Secrets Manager secret it is given', async () => {
    const keySet = generateLetterIdKeySet();
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(keySet) });

    const loaded = await loadLetterIdKeySet({ secretArn, client: new SecretsManagerClient({ region: 'eu-north-1' }) });

    expect(loaded).toEqual(keySet);
    expect(secrets.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input)).toEqual([{ SecretId: secretArn }]);
  });

  it('reads the key set from the JSON value locally, without Secrets Manager', async () => {
    const keySet = generateLetterIdKeySet('local');

    expect(await loadLetterIdKeySet({ value: JSON.stringify(keySet) })).toEqual(keySet);
    expect(secrets.calls()).toEqual([]);
  });

  it('fails the cold start, naming the secret, while the secret has no value yet', async () => {
    secrets.on(GetSecretValueCommand).resolves({});

    await expect(loadLetterIdKeySet({ secretArn, client: new SecretsManagerClient({ region: 'eu-north-1' }) })).rejects.toThrow(
      new LetterIdKeysError(`the secret ${secretArn} has no value yet (the migrate function fills it)`),
    );
  });

  it.each([
    ['nothing configured', {}, /neither LETTER_ID_KEYS_SECRET_ARN nor LETTER_ID_KEYS/u],
    ['JSON that is not a key set', { value: '{"current":"k1","keys":{"k1":"short"}}' }, /keys\.k1/u],
    ['text that is not JSON', { value: 'k1=secret' }, /not JSON/u],
  ])('fails with a clear message for %s, never echoing a key', async (_, options, message) => {
    const loading = loadLetterIdKeySet(options);

    await expect(loading).rejects.toThrow(message);
    await expect(loading).rejects.not.toThrow(/short|secret$/u);
  });
});
