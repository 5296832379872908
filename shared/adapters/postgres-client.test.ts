import { afterEach, describe, expect, it } from 'vitest';
import type { Sql } from 'postgres';
import { ConfigError } from '../lambda/config.js';
import { createSql, databaseConfigFromEnv } from './postgres-client.js';

describe('createSql', () => {
  const clients: Sql[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.end()));
  });
  const created = (client: Sql): Sql => {
    clients.push(client);
    return client;
  };

  it('keeps one connection with prepared statements for a DATABASE_URL, connecting lazily', () => {
    const sql = created(createSql({ url: 'postgres://someone@db.example:6543/letters' }));

    expect(sql.options).toMatchObject({
      host: ['db.example'],
      port: [6543],
      database: 'letters',
      user: 'someone',
      max: 1,
      prepare: true,
      idle_timeout: 60,
    });
  });

  it('leaves prepared statements off for a URL that says prepare=false (a pooler in between)', () => {
    const sql = created(createSql({ url: 'postgres://someone@pooler.example:6432/letters?prepare=false' }));

    expect(sql.options).toMatchObject({ host: ['pooler.example'], prepare: false });
  });

  it('signs in to RDS Proxy over verified TLS with a fresh IAM token per connection, without prepared statements', async () => {
    let issued = 0;
    const sql = created(
      createSql(
        { host: 'proxy.example.eu-north-1.rds.amazonaws.com', database: 'analytics', user: 'analytics_reader', region: 'eu-north-1' },
        { authToken: async () => `token-${++issued}` },
      ),
    );
    const password = sql.options.pass as unknown as () => Promise<string>;

    expect(sql.options).toMatchObject({
      host: ['proxy.example.eu-north-1.rds.amazonaws.com'],
      port: [5432],
      database: 'analytics',
      user: 'analytics_reader',
      ssl: 'verify-full',
      max: 1,
      prepare: false,
    });
    expect([await password(), await password()]).toEqual(['token-1', 'token-2']);
  });
});

describe('databaseConfigFromEnv', () => {
  it('prefers DATABASE_URL', () => {
    const config = databaseConfigFromEnv({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', DATABASE_HOST: 'ignored' });

    expect(config).toEqual({ url: 'postgres://postgres@127.0.0.1:5432/test' });
  });

  it('otherwise reads the proxy host, database, user and the Lambda region', () => {
    const config = databaseConfigFromEnv({
      DATABASE_HOST: 'proxy.example',
      DATABASE_NAME: 'analytics',
      DATABASE_USER: 'analytics_writer',
      AWS_REGION: 'eu-north-1',
    });

    expect(config).toEqual({ host: 'proxy.example', database: 'analytics', user: 'analytics_writer', region: 'eu-north-1' });
  });

  it('fails naming every missing variable', () => {
    const read = () => databaseConfigFromEnv({ DATABASE_HOST: 'proxy.example' });

    expect(read).toThrow(ConfigError);
    expect(read).toThrow('bad environment: DATABASE_URL is not set, nor DATABASE_NAME, DATABASE_USER, AWS_REGION');
  });

  it('rejects a DATABASE_URL that is not a postgres URL', () => {
    expect(() => databaseConfigFromEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a postgres:\/\/ URL/u);
  });
});
