import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../shared/adapters/migrations.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { startTestDatabase, type TestDatabase } from '../../shared/testing/postgres.js';
import { migrate } from './migrate.js';

const READER_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:workshop/analytics_reader-AbCdEf';
const WRITER_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:workshop/analytics_writer-GhIjKl';

/** Secrets Manager whose secrets are empty until put; records every command. */
const emptySecrets = () => {
  const sent: string[] = [];
  const values = new Set<string>();
  const client = {
    send: async (command: { constructor: { name: string }; input: { SecretId: string } }) => {
      sent.push(`${command.constructor.name} ${command.input.SecretId}`);
      if (command.constructor.name === 'PutSecretValueCommand') values.add(command.input.SecretId);
      return values.has(command.input.SecretId) ? { VersionIdsToStages: { v: ['AWSCURRENT'] } } : {};
    },
  };
  return { client: client as unknown as SecretsManagerClient, sent };
};

describe('migrate', () => {
  let db: TestDatabase;
  const logger = createLogger('migrate', 'SILENT');
  beforeAll(async () => {
    db = await startTestDatabase();
  });
  beforeEach(async () => {
    await db.reset();
  });
  afterAll(async () => {
    await db.stop();
  });

  it('applies the migrations, then provisions the roles whose secrets are empty, once', async () => {
    const secrets = emptySecrets();
    const run = migrate({
      connect: async () => db.sql,
      logger,
      roleSecrets: { secrets: secrets.client, secretArns: { analytics_reader: READER_SECRET, analytics_writer: WRITER_SECRET } },
    });

    const first = await run();
    const second = await run();

    expect(first).toEqual({ applied: migrations.map(({ name }) => name), rolesProvisioned: ['analytics_reader', 'analytics_writer'], backfill: { counted: 0, done: true } });
    expect(second).toEqual({ applied: [], rolesProvisioned: [], backfill: { counted: 0, done: true } });
    expect(secrets.sent).toEqual([
      `DescribeSecretCommand ${READER_SECRET}`,
      `PutSecretValueCommand ${READER_SECRET}`,
      `DescribeSecretCommand ${WRITER_SECRET}`,
      `PutSecretValueCommand ${WRITER_SECRET}`,
      `DescribeSecretCommand ${READER_SECRET}`,
      `DescribeSecretCommand ${WRITER_SECRET}`,
    ]);
  });

  it('only migrates when no role secrets are configured', async () => {
    const result = await migrate({ connect: async () => db.sql, logger })();

    expect(result).toEqual({ applied: migrations.map(({ name }) => name), rolesProvisioned: [], backfill: { counted: 0, done: true } });
  });

  it('answers the differences between the analytics aggregates and a scan for the analytics-check action', async () => {
    const run = migrate({ connect: async () => db.sql, logger });
    await run();
    await db.sql`INSERT INTO analytics_toys (toy, quantity, letters) VALUES ('kite', 2, 1)`;

    const check = await run({ action: 'analytics-check' });

    expect(check).toEqual({
      letters: 0,
      lettersNotCounted: 0,
      differences: [{ aggregate: 'toys', key: 'kite', expected: null, actual: { quantity: 2, letters: 1 } }],
    });
  });
});
