import { randomBytes } from 'node:crypto';
import { DescribeSecretCommand, PutSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Sql } from 'postgres';

/** The roles migration 001 creates: the only ones this module gives a password. */
export const APPLICATION_ROLES = ['analytics_reader', 'analytics_writer'] as const;

/** A role RDS Proxy signs in as. */
export type ApplicationRole = (typeof APPLICATION_ROLES)[number];

/** Raised, before that role is changed, for a role or a password this module will not write into SQL. */
export class RoleCredentialsError extends Error {
  override name = 'RoleCredentialsError';
}

/** What the proxy reads from a role's secret (the shape RDS Proxy expects). */
export interface RoleSecret {
  username: ApplicationRole;
  password: string;
}

// The only characters the ALTER ROLE text below may carry: none can end a quoted literal.
const SAFE_PASSWORD = /^[A-Za-z0-9_-]+$/u;

/** 32 random bytes (256 bits) as base64url: 43 characters, no quoting needed anywhere. */
export const generateRolePassword = (): string => randomBytes(32).toString('base64url');

const isApplicationRole = (role: string): role is ApplicationRole => (APPLICATION_ROLES as readonly string[]).includes(role);

const knownRolesOf = (secretArns: Readonly<Record<string, string>>): [ApplicationRole, string][] => {
  const entries = Object.entries(secretArns);
  const unknown = entries.map(([role]) => role).filter((role) => !isApplicationRole(role));
  if (unknown.length > 0) {
    throw new RoleCredentialsError(`unknown role(s) ${unknown.join(', ')}; only ${APPLICATION_ROLES.join(', ')} get a password`);
  }
  return entries as [ApplicationRole, string][];
};

// A secret made by Terraform has no version until someone puts a value; AWSCURRENT marks the live one.
const hasValue = async (secrets: SecretsManagerClient, secretArn: string): Promise<boolean> => {
  const { VersionIdsToStages } = await secrets.send(new DescribeSecretCommand({ SecretId: secretArn }));
  return Object.values(VersionIdsToStages ?? {}).some((stages) => stages.includes('AWSCURRENT'));
};

const setPassword = async (sql: Sql, role: ApplicationRole, password: string): Promise<void> => {
  if (!SAFE_PASSWORD.test(password)) throw new RoleCredentialsError(`a generated password for ${role} has characters outside [A-Za-z0-9_-]`);
  // ALTER ROLE is a utility statement, which takes no bind parameters, so the text is built
  // here: the role is one of APPLICATION_ROLES (fixed identifiers) and the password is
  // base64url, so neither can close the literal or add a statement.
  await sql.unsafe(`ALTER ROLE ${role} WITH LOGIN PASSWORD '${password}'`);
};

/**
 * Gives each role whose secret is still empty a new random password, then stores
 * {"username","password"} in its secret; leaves roles whose secret has a value alone.
 * Answers the roles provisioned. Rotation is out of scope: a stored password is never changed.
 * Callers serialise runs (migrate holds the migration lock): two first runs at once could
 * each set a password, and the later ALTER ROLE might not match the later secret.
 */
export const provisionRoleCredentials = async ({
  sql,
  secrets,
  secretArns,
  generatePassword = generateRolePassword,
}: {
  sql: Sql;
  secrets: SecretsManagerClient;
  /** Role name → ARN of the Secrets Manager secret RDS Proxy signs in with. */
  secretArns: Readonly<Record<string, string>>;
  generatePassword?: () => string;
}): Promise<ApplicationRole[]> => {
  const roles = knownRolesOf(secretArns);
  const provisioned: ApplicationRole[] = [];
  for (const [role, secretArn] of roles) {
    if (await hasValue(secrets, secretArn)) continue;
    const password = generatePassword();
    // Password first (it commits on its own), secret second: if storing fails, the secret stays
    // empty and the next run sets a new password; the reverse could leave a secret the database rejects.
    await setPassword(sql, role, password);
    const secret: RoleSecret = { username: role, password };
    await secrets.send(new PutSecretValueCommand({ SecretId: secretArn, SecretString: JSON.stringify(secret) }));
    provisioned.push(role);
  }
  return provisioned;
};
