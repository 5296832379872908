import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * The current string value of a Secrets Manager secret, undefined while it has none. Its own
 * module so that callers can import it on demand and a bundle keeps only GetSecretValue.
 */
export const readSecretString = async (secretArn: string, client: SecretsManagerClient = new SecretsManagerClient({})): Promise<string | undefined> =>
  (await client.send(new GetSecretValueCommand({ SecretId: secretArn }))).SecretString;
