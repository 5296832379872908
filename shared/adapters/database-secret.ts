import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { DatabaseConfig } from './postgres-client.js';

/** An RDS-managed master user secret holds these two fields. */
interface MasterSecret {
  username: string;
  password: string;
}

/**
 * The migrator's connection: the RDS-managed master secret from Secrets Manager, straight to
 * the instance (schema changes need the owner; the proxy only admits the IAM-auth roles).
 */
export const databaseUrlFromSecret = async ({
  secretArn,
  host,
  database,
  client = new SecretsManagerClient({}),
}: {
  secretArn: string;
  host: string;
  database: string;
  client?: SecretsManagerClient;
}): Promise<DatabaseConfig> => {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  const { username, password } = JSON.parse(SecretString ?? '{}') as Partial<MasterSecret>;
  if (!username || !password) throw new Error('the database secret has no username/password');
  const url = new URL(`postgres://${host}/${database}`);
  url.username = username;
  url.password = password;
  url.searchParams.set('sslmode', 'verify-full');
  return { url: url.toString() };
};
