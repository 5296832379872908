import { GetSecretValueCommand, PutSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { fillGeneratedKeySecrets, generateKey } from './generated-key-secrets.js';

const LETTER_ID = 'arn:aws:secretsmanager:eu-north-1:123456789012:secret:workshop/letter-id-keys-AbCdEf';
const OTHER = 'arn:aws:secretsmanager:eu-north-1:123456789012:secret:workshop/other-keys-GhIjKl';
const KEY = 'q2dNnSQv3cq6Fe0Rm3eRqXyXw0Qb-7bJ1zXgNvBr_hA';

const noValueYet = () =>
  new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT", $metadata: {} });

/** The commands sent, by name and input. */
const sent = (mock: ReturnType<typeof mockClient>) => mock.calls().map((call) => [call.args[0].constructor.name, call.args[0].input]);

describe('fillGeneratedKeySecrets', () => {
  it('puts a first key set into a secret with no value and leaves one with a value alone', async () => {
    const secrets = mockClient(SecretsManagerClient);
    secrets.on(GetSecretValueCommand, { SecretId: LETTER_ID }).rejects(noValueYet());
    secrets.on(GetSecretValueCommand, { SecretId: OTHER }).resolves({ SecretString: '{"current":"k1","keys":{"k1":"old"}}' });
    secrets.on(PutSecretValueCommand).resolves({});

    const filled = await fillGeneratedKeySecrets({
      secrets: new SecretsManagerClient({}),
      secretArns: { 'letter-id': LETTER_ID, other: OTHER },
      newKey: () => KEY,
    });

    expect(filled).toEqual(['letter-id']);
    expect(sent(secrets)).toEqual([
      ['GetSecretValueCommand', { SecretId: LETTER_ID }],
      ['PutSecretValueCommand', { SecretId: LETTER_ID, SecretString: `{"current":"k1","keys":{"k1":"${KEY}"}}` }],
      ['GetSecretValueCommand', { SecretId: OTHER }],
    ]);
    secrets.restore();
  });

  it('fails, putting nothing, when Secrets Manager refuses the read for any other reason', async () => {
    const secrets = mockClient(SecretsManagerClient);
    secrets.on(GetSecretValueCommand).rejects(Object.assign(new Error('not authorised'), { name: 'AccessDeniedException' }));

    const run = fillGeneratedKeySecrets({ secrets: new SecretsManagerClient({}), secretArns: { 'letter-id': LETTER_ID } });

    await expect(run).rejects.toThrow('not authorised');
    expect(sent(secrets).map(([name]) => name)).toEqual(['GetSecretValueCommand']);
    secrets.restore();
  });
});

describe('generateKey', () => {
  it('gives 32 random bytes as base64url, different each time', () => {
    const [a, b] = [generateKey(), generateKey()];

    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    expect(a).not.toBe(b);
  });
});
