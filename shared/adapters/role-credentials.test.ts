import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../testing/postgres.js';
import { runMigrations } from './migrations.js';
import { generateRolePassword, provisionRoleCredentials, RoleCredentialsError } from './role-credentials.js';

const READER_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:workshop/analytics_reader-AbCdEf';
const WRITER_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:workshop/analytics_writer-GhIjKl';
const BOTH = { analytics_reader: READER_SECRET, analytics_writer: WRITER_SECRET };

interface SentCommand {
  command: string;
  input: Record<string, unknown>;
}

/** A Secrets Manager that records every command; a secret listed in `withValue` has an AWSCURRENT version. */
const fakeSecretsManager = ({ withValue = [], failPut }: { withValue?: string[]; failPut?: Error } = {}) => {
  const sent: SentCommand[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      sent.push({ command: command.constructor.name, input: command.input });
      if (command.constructor.name === 'DescribeSecretCommand') {
        const arn = command.input.SecretId as string;
        return withValue.includes(arn) ? { ARN: arn, VersionIdsToStages: { 'v-1': ['AWSCURRENT'] } } : { ARN: arn };
      }
      if (command.constructor.name === 'PutSecretValueCommand') {
        if (failPut) throw failPut;
        return { ARN: command.input.SecretId, VersionId: 'v-2', VersionStages: ['AWSCURRENT'] };
      }
      throw new Error(`unexpected ${command.constructor.name}`);
    },
  };
  const stored = (arn: string): unknown => {
    const put = sent.find(({ command, input }) => command === 'PutSecretValueCommand' && input.SecretId === arn);
    return put && JSON.parse(put.input.SecretString as string);
  };
  return { client: client as unknown as SecretsManagerClient, sent, stored };
};

/** Passwords p1, p2, … in the order asked for, so the commands can be asserted whole. */
const countingPasswords = () => {
  let n = 0;
  return () => `password_${++n}`;
};

describe('provisionRoleCredentials', () => {
  let db: TestDatabase;
  const canLogIn = async (role: string): Promise<boolean | undefined> => {
    const [row] = await db.sql<{ rolcanlogin: boolean }[]>`SELECT rolcanlogin FROM pg_roles WHERE rolname = ${role}`;
    return row?.rolcanlogin;
  };

  beforeAll(async () => {
    db = await startTestDatabase();
    await runMigrations(db.sql);
  });
  beforeEach(async () => {
    // NOLOGIN first, so LOGIN afterwards shows that the ALTER ROLE ran (PGlite ignores passwords).
    await db.sql`ALTER ROLE analytics_reader NOLOGIN`;
    await db.sql`ALTER ROLE analytics_writer NOLOGIN`;
  });
  afterAll(async () => {
    // Roles are cluster-wide: leave them as migration 001 made them for other files on a shared server.
    await db.sql`ALTER ROLE analytics_reader LOGIN`;
    await db.sql`ALTER ROLE analytics_writer LOGIN`;
    await db.stop();
  });

  it('sets a password for each role whose secret is empty and stores it there', async () => {
    const secrets = fakeSecretsManager();

    const provisioned = await provisionRoleCredentials({ sql: db.sql, secrets: secrets.client, secretArns: BOTH, generatePassword: countingPasswords() });

    expect(provisioned).toEqual(['analytics_reader', 'analytics_writer']);
    expect(secrets.sent).toEqual([
      { command: 'DescribeSecretCommand', input: { SecretId: READER_SECRET } },
      {
        command: 'PutSecretValueCommand',
        input: { SecretId: READER_SECRET, SecretString: JSON.stringify({ username: 'analytics_reader', password: 'password_1' }) },
      },
      { command: 'DescribeSecretCommand', input: { SecretId: WRITER_SECRET } },
      {
        command: 'PutSecretValueCommand',
        input: { SecretId: WRITER_SECRET, SecretString: JSON.stringify({ username: 'analytics_writer', password: 'password_2' }) },
      },
    ]);
    expect([await canLogIn('analytics_reader'), await canLogIn('analytics_writer')]).toEqual([true, true]);
  });

  it('stores a fresh 256-bit base64url password per role by default', async () => {
    const secrets = fakeSecretsManager();

    await provisionRoleCredentials({ sql: db.sql, secrets: secrets.client, secretArns: BOTH });

    const reader = secrets.stored(READER_SECRET) as { username: string; password: string };
    const writer = secrets.stored(WRITER_SECRET) as { username: string; password: string };
    expect(reader).toEqual({ username: 'analytics_reader', password: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/u) });
    expect(writer).toEqual({ username: 'analytics_writer', password: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/u) });
    expect(reader.password).not.toBe(writer.password);
    expect(generateRolePassword()).not.toBe(generateRolePassword());
  });

  it('leaves a role whose secret already has a value alone', async () => {
    const secrets = fakeSecretsManager({ withValue: [READER_SECRET] });

    const provisioned = await provisionRoleCredentials({ sql: db.sql, secrets: secrets.client, secretArns: BOTH, generatePassword: countingPasswords() });

    expect(provisioned).toEqual(['analytics_writer']);
    expect(secrets.sent).toEqual([
      { command: 'DescribeSecretCommand', input: { SecretId: READER_SECRET } },
      { command: 'DescribeSecretCommand', input: { SecretId: WRITER_SECRET } },
      {
        command: 'PutSecretValueCommand',
        input: { SecretId: WRITER_SECRET, SecretString: JSON.stringify({ username: 'analytics_writer', password: 'password_1' }) },
      },
    ]);
    expect([await canLogIn('analytics_reader'), await canLogIn('analytics_writer')]).toEqual([false, true]);
  });

  it('refuses a role it does not know before asking Secrets Manager or changing any role', async () => {
    const secrets = fakeSecretsManager();

    const run = provisionRoleCredentials({
      sql: db.sql,
      secrets: secrets.client,
      secretArns: { analytics_reader: READER_SECRET, postgres: WRITER_SECRET },
    });

    await expect(run).rejects.toThrow(RoleCredentialsError);
    await expect(run).rejects.toThrow(/unknown role\(s\) postgres/u);
    expect(secrets.sent).toEqual([]);
    expect(await canLogIn('analytics_reader')).toBe(false);
  });

  it('refuses a password that could break out of the ALTER ROLE literal and stores nothing', async () => {
    const secrets = fakeSecretsManager();

    const run = provisionRoleCredentials({
      sql: db.sql,
      secrets: secrets.client,
      secretArns: { analytics_reader: READER_SECRET },
      generatePassword: () => "x'; DROP ROLE analytics_writer; --",
    });

    await expect(run).rejects.toThrow(RoleCredentialsError);
    expect(secrets.sent).toEqual([{ command: 'DescribeSecretCommand', input: { SecretId: READER_SECRET } }]);
    expect(await canLogIn('analytics_reader')).toBe(false);
  });

  it('lets a failed PutSecretValue propagate, after setting the password, and stops there', async () => {
    const secrets = fakeSecretsManager({ failPut: Object.assign(new Error('access denied'), { name: 'AccessDeniedException' }) });

    const run = provisionRoleCredentials({ sql: db.sql, secrets: secrets.client, secretArns: BOTH, generatePassword: countingPasswords() });

    await expect(run).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(secrets.sent.map(({ command }) => command)).toEqual(['DescribeSecretCommand', 'PutSecretValueCommand']);
    expect([await canLogIn('analytics_reader'), await canLogIn('analytics_writer')]).toEqual([true, false]);
  });
});
