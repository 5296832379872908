import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as v from 'valibot';
import { LetterIdKeySet } from '../domain/letter-ids.js';

/** Raised at cold start when the letter id key set is missing or malformed; the message says where it came from. */
export class LetterIdKeysError extends Error {
  override name = 'LetterIdKeysError';
}

const parseKeySet = (raw: string | undefined, source: string): LetterIdKeySet => {
  let json: unknown;
  try {
    json = JSON.parse(raw ?? '');
  } catch {
    throw new LetterIdKeysError(`${source} is not JSON (expected {"current":"k1","keys":{"k1":"<base64url of 32 bytes>"}})`);
  }
  const result = v.safeParse(LetterIdKeySet, json);
  // The issue names the path only: the message of a key would echo the secret.
  if (!result.success) throw new LetterIdKeysError(`${source} is not a letter id key set: ${result.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`).join('; ')}`);
  return result.output;
};

/**
 * The letter id key set, loaded once at cold start: from the Secrets Manager secret
 * `secretArn` in AWS (the migrate function fills it), or the JSON `value` itself locally.
 */
export const loadLetterIdKeySet = async ({
  secretArn,
  value,
  client,
  names = { secretArn: 'LETTER_ID_KEYS_SECRET_ARN', value: 'LETTER_ID_KEYS' },
}: {
  secretArn?: string | undefined;
  value?: string | undefined;
  client?: SecretsManagerClient;
  /** The variables the two sources come from, for the messages (other key sets share the format). */
  names?: { secretArn: string; value: string };
}): Promise<LetterIdKeySet> => {
  if (secretArn === undefined) {
    if (value === undefined) throw new LetterIdKeysError(`neither ${names.secretArn} nor ${names.value} is set`);
    return parseKeySet(value, names.value);
  }
  // Imported only where the key set is a secret: given in the environment, a cold start skips the client.
  const { readSecretString } = await import('./secret-value.js');
  const SecretString = await readSecretString(secretArn, client);
  if (SecretString === undefined) throw new LetterIdKeysError(`the secret ${secretArn} has no value yet (the migrate function fills it)`);
  return parseKeySet(SecretString, `the secret ${secretArn}`);
};
