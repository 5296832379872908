import { randomBytes } from 'node:crypto';
import { GetSecretValueCommand, PutSecretValueCommand, ResourceNotFoundException, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** The value of a generated key secret: the key ids in use and which one signs now. */
export interface KeySet {
  current: string;
  keys: Record<string, string>;
}

/** 32 random bytes (256 bits) as base64url. */
export const generateKey = (): string => randomBytes(32).toString('base64url');

/** A first key set: one key, k1, current. Rotation adds keys to it later; this never does. */
export const firstKeySet = (key: string): KeySet => ({ current: 'k1', keys: { k1: key } });

// Terraform creates the secret without a value, so that no key is ever in its state. Secrets
// Manager then answers ResourceNotFoundException for the AWSCURRENT version: that, and only
// that, means "fill me". A secret that does not exist at all fails the PutSecretValue below.
const hasValue = async (secrets: SecretsManagerClient, secretArn: string): Promise<boolean> => {
  try {
    await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
};

/**
 * Puts a fresh key set into each secret that has no value yet and leaves the others alone.
 * Answers the purposes filled. Callers serialise runs (the migration lock), so two first
 * runs cannot put two different key sets.
 */
export const fillGeneratedKeySecrets = async ({
  secrets,
  secretArns,
  newKey = generateKey,
}: {
  secrets: SecretsManagerClient;
  /** Purpose (e.g. "letter-id") → ARN of the secret that holds its key set. */
  secretArns: Readonly<Record<string, string>>;
  newKey?: () => string;
}): Promise<string[]> => {
  const filled: string[] = [];
  for (const [purpose, secretArn] of Object.entries(secretArns)) {
    if (await hasValue(secrets, secretArn)) continue;
    await secrets.send(new PutSecretValueCommand({ SecretId: secretArn, SecretString: JSON.stringify(firstKeySet(newKey())) }));
    filled.push(purpose);
  }
  return filled;
};
