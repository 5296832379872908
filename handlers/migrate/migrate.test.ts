import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../shared/adapters/migrations.js';
import { createSql } from '../../shared/adapters/postgres-client.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { startTestDatabase, type TestDatabase } from '../../shared/testing/postgres.js';
import { migrate, UnknownActionError, type MigrateResult } from './migrate.js';

const READER_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:workshop/analytics_reader-AbCdEf';
const WRITER_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:workshop/analytics_writer-GhIjKl';
const KEYS_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:workshop/letter-id-keys-MnOpQr';
const ALL_MIGRATIONS = migrations.map(({ name }) => name);

/** Secrets Manager (aws-sdk-client-mock) whose secrets have no value until one is put. */
const emptySecrets = () => {
  const mock = mockClient(SecretsManagerClient);
  const values = new Map<string, string>();
  mock.on(PutSecretValueCommand).callsFake(({ SecretId, SecretString }) => {
    values.set(SecretId, SecretString);
    return {};
  });
  mock.on(DescribeSecretCommand).callsFake(({ SecretId }) => (values.has(SecretId) ? { VersionIdsToStages: { v1: ['AWSCURRENT'] } } : {}));
  mock.on(GetSecretValueCommand).callsFake(({ SecretId }) => {
    if (!values.has(SecretId)) throw new ResourceNotFoundException({ message: 'no AWSCURRENT version', $metadata: {} });
    return { SecretString: values.get(SecretId) };
  });
  const sent = () => mock.calls().map((call) => `${call.args[0].constructor.name} ${(call.args[0].input as { SecretId: string }).SecretId}`);
  return { client: new SecretsManagerClient({}), mock, values, sent };
};

describe('migrate', () => {
  let db: TestDatabase;
  let secrets: ReturnType<typeof emptySecrets>;
  const logger = createLogger('migrate', 'SILENT');
  beforeAll(async () => {
    db = await startTestDatabase();
  });
  beforeEach(async () => {
    await db.reset();
    secrets = emptySecrets();
  });
  afterEach(() => secrets.mock.restore());
  afterAll(async () => {
    await db.stop();
  });

  const withSecrets = () =>
    migrate({
      connect: async () => db.sql,
      logger,
      roleSecrets: { secrets: secrets.client, secretArns: { analytics_reader: READER_SECRET, analytics_writer: WRITER_SECRET } },
      keySecrets: { secrets: secrets.client, secretArns: { 'letter-id': KEYS_SECRET } },
    });

  it('applies the migrations, gives empty role secrets a password and empty key secrets a key set, once', async () => {
    const run = withSecrets();

    const first = await run({});
    const second = await run({ action: 'migrate' });

    expect(first).toEqual({ applied: ALL_MIGRATIONS, rolesProvisioned: ['analytics_reader', 'analytics_writer'], keySecretsFilled: ['letter-id'], backfill: { counted: 0, done: true } });
    expect(second).toEqual({ applied: [], rolesProvisioned: [], keySecretsFilled: [], backfill: { counted: 0, done: true } });
    expect(secrets.sent()).toEqual([
      `DescribeSecretCommand ${READER_SECRET}`,
      `PutSecretValueCommand ${READER_SECRET}`,
      `DescribeSecretCommand ${WRITER_SECRET}`,
      `PutSecretValueCommand ${WRITER_SECRET}`,
      `GetSecretValueCommand ${KEYS_SECRET}`,
      `PutSecretValueCommand ${KEYS_SECRET}`,
      `DescribeSecretCommand ${READER_SECRET}`,
      `DescribeSecretCommand ${WRITER_SECRET}`,
      `GetSecretValueCommand ${KEYS_SECRET}`,
    ]);
    expect(JSON.parse(secrets.values.get(KEYS_SECRET)!)).toEqual({ current: 'k1', keys: { k1: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/u) } });
  });

  it('only migrates when no secrets are configured', async () => {
    const result = await migrate({ connect: async () => db.sql, logger })({});

    expect(result).toEqual({ applied: ALL_MIGRATIONS, rolesProvisioned: [], keySecretsFilled: [], backfill: { counted: 0, done: true } });
  });

  it.each([
    [{ action: 'analytics-chek' }, /unknown action "analytics-chek"; allowed actions: migrate, analytics-check/u],
    ['migrate', /the event must be \{\} or \{"action":"<name>"\}, one of: migrate, analytics-check/u],
    [{ action: 7 }, /one of: migrate, analytics-check/u],
  ])('refuses the event %j, naming the allowed actions, and changes nothing', async (event, message) => {
    const run = withSecrets()(event);

    await expect(run).rejects.toThrow(UnknownActionError);
    await expect(run).rejects.toThrow(message);
    expect(await db.sql`SELECT to_regclass('schema_migrations') AS t`).toEqual([{ t: null }]);
    expect(secrets.sent()).toEqual([]);
  });

  it('lets two runs at once on two connections both succeed, applying each migration once', async () => {
    const other = createSql({ url: db.url });
    try {
      const [a, b] = (await Promise.all([
        migrate({ connect: async () => db.sql, logger })({}),
        migrate({ connect: async () => other, logger })({ action: 'migrate' }),
      ])) as [MigrateResult, MigrateResult];

      expect([...a.applied, ...b.applied].sort()).toEqual([...ALL_MIGRATIONS].sort());
      expect((await db.sql`SELECT name FROM schema_migrations ORDER BY version`).map(({ name }) => name)).toEqual(ALL_MIGRATIONS);
    } finally {
      await other.end();
    }
  });

  it('answers the differences between the analytics aggregates and a scan for the analytics-check action', async () => {
    const run = migrate({ connect: async () => db.sql, logger });
    await run({});
    await db.sql`INSERT INTO analytics_toys (toy, quantity, letters) VALUES ('kite', 2, 1)`;

    const check = await run({ action: 'analytics-check' });

    expect(check).toEqual({
      letters: 0,
      lettersNotCounted: 0,
      differences: [{ aggregate: 'toys', key: 'kite', expected: null, actual: { quantity: 2, letters: 1, children: 0 } }],
    });
  });
});
