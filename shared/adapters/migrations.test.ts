import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../testing/postgres.js';
import { MigrationError, migrations, runMigrations, type Migration } from './migrations.js';
import { createSql } from './postgres-client.js';

const MIGRATIONS_DIR = new URL('../migrations/', import.meta.url);

const sqlFiles = (): { name: string; text: string }[] =>
  readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^\d{3}-[a-z0-9-]+\.sql$/u.test(file))
    .sort()
    .map((file) => ({ name: file.replace(/\.sql$/u, ''), text: readFileSync(new URL(file, MIGRATIONS_DIR), 'utf8') }));

const templateLiteral = (text: string): string => `\`${text.replace(/\\|`|\$\{/gu, (match) => `\\${match}`)}\``;

// The module bundles embed: plain TypeScript, so esbuild, vitest and tsx need no loader for it.
const renderMigrationsModule = (): string => `// Generated from the .sql files beside this one by shared/adapters/migrations.test.ts.
// Edit those, then run: npx vitest run shared/adapters/migrations.test.ts --update
// Embedded as text so that Lambda bundles, vitest and tsx carry the SQL without file access or loaders.

/** One numbered SQL migration. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in version order. */
export const migrations: readonly Migration[] = [
${sqlFiles()
  .map(({ name, text }) => `  {\n    version: ${Number(name.slice(0, 3))},\n    name: '${name}',\n    sql: ${templateLiteral(text)},\n  },\n`)
  .join('')}];
`;

const second: Migration = {
  version: 2,
  name: '002-wishes',
  sql: 'CREATE TABLE wishes (letter_id text NOT NULL REFERENCES letters (letter_id));',
};

const first = (): Migration => {
  const [migration] = migrations;
  if (!migration) throw new Error('no migration is embedded');
  return migration;
};

const tableExists = async (db: TestDatabase, name: string): Promise<boolean> => {
  const [row] = await db.sql`SELECT to_regclass(${name}) IS NOT NULL AS present`;
  return row?.present === true;
};

const recorded = (db: TestDatabase) =>
  db.sql<{ version: number; name: string; applied_at: Date }[]>`
    SELECT version, name, applied_at FROM schema_migrations ORDER BY version`;

describe('the embedded migrations', () => {
  it('are the .sql files of shared/migrations, verbatim and in version order', async () => {
    await expect(renderMigrationsModule()).toMatchFileSnapshot('../migrations/index.ts');
    expect(migrations.map(({ name, sql }) => ({ name, text: sql }))).toEqual(sqlFiles());
  });
});

describe('runMigrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startTestDatabase();
  });
  beforeEach(async () => {
    await db.reset();
  });
  afterAll(async () => {
    await db.stop();
  });

  it('applies every migration once and records it in schema_migrations', async () => {
    const applied = await runMigrations(db.sql);

    expect(applied).toEqual(migrations.map((migration) => migration.name));
    expect((await recorded(db)).map(({ version, name }) => ({ version, name }))).toEqual(
      migrations.map(({ version, name }) => ({ version, name })),
    );
    expect(await tableExists(db, 'letters')).toBe(true);
  });

  it('applies nothing the second time and leaves data and records as they were', async () => {
    await runMigrations(db.sql);
    await db.sql`INSERT INTO letters (letter_id, status, version, updated_at, expires_at) VALUES ('x', 'withdrawn', 'v', now(), now())`;
    const before = await recorded(db);

    const applied = await runMigrations(db.sql);

    expect(applied).toEqual([]);
    expect(await recorded(db)).toEqual(before);
    expect(await db.sql`SELECT letter_id FROM letters`).toEqual([{ letter_id: 'x' }]);
  });

  it('applies only the pending migrations, in version order whatever the list order', async () => {
    await runMigrations(db.sql, { migrations: [first()] });

    const applied = await runMigrations(db.sql, { migrations: [second, first()] });

    expect(applied).toEqual(['002-wishes']);
    expect(await tableExists(db, 'wishes')).toBe(true);
  });

  it('rolls a failing migration back whole, records nothing and applies nothing after it', async () => {
    const failing: Migration = { version: 2, name: '002-broken', sql: 'CREATE TABLE half_done (id int); SELECT 1 / 0;' };
    const later: Migration = { version: 3, name: '003-later', sql: 'CREATE TABLE later (id int);' };

    const run = runMigrations(db.sql, { migrations: [first(), failing, later] });

    await expect(run).rejects.toMatchObject({ code: '22012' });
    expect(await tableExists(db, 'half_done')).toBe(false);
    expect(await tableExists(db, 'later')).toBe(false);
    expect((await recorded(db)).map(({ name }) => name)).toEqual([first().name]);
  });

  it('lets two runners race on two connections and applies each migration exactly once', async () => {
    const other = createSql({ url: db.url });
    try {
      const [a, b] = await Promise.all([
        runMigrations(db.sql, { migrations: [first(), second] }),
        runMigrations(other, { migrations: [first(), second] }),
      ]);

      expect([...a, ...b].sort()).toEqual([first().name, second.name]);
      expect((await recorded(db)).map(({ name }) => name)).toEqual([first().name, second.name]);
    } finally {
      await other.end();
    }
  });

  it('refuses a migration whose text changed after it was applied', async () => {
    await runMigrations(db.sql, { migrations: [first(), second] });
    const edited = { ...second, sql: `${second.sql}\nCREATE INDEX ON wishes (letter_id);` };

    const run = runMigrations(db.sql, { migrations: [first(), edited] });

    await expect(run).rejects.toThrow(MigrationError);
    await expect(run).rejects.toThrow(/002-wishes was changed after it was applied/u);
  });

  it('refuses two migrations with the same version before touching the database', async () => {
    const run = runMigrations(db.sql, { migrations: [first(), second, { ...second, name: '002-twin' }] });

    await expect(run).rejects.toThrow(/two migrations share version 2/u);
    expect(await tableExists(db, 'schema_migrations')).toBe(false);
  });

  it('creates analytics_reader, which may read letters but not change them', async () => {
    await runMigrations(db.sql);
    const asReader = <T>(work: (tx: typeof db.sql) => Promise<T>) =>
      db.sql.begin(async (tx) => {
        await tx`SET LOCAL ROLE analytics_reader`;
        return work(tx as unknown as typeof db.sql);
      });

    const read = asReader((tx) => tx`SELECT count(*)::int AS n FROM letters`);
    const write = asReader((tx) => tx`INSERT INTO letters (letter_id, status, version, updated_at, expires_at) VALUES ('x', 'active', 'v', now(), now())`);

    await expect(read).resolves.toEqual([{ n: 0 }]);
    await expect(write).rejects.toMatchObject({ code: '42501' });
  });

  it('keeps tombstones and pseudonym history from analytics_reader, and gives it no temporary tables', async () => {
    await runMigrations(db.sql);
    const asReader = <T>(work: (tx: typeof db.sql) => Promise<T>) =>
      db.sql.begin(async (tx) => {
        await tx`SET LOCAL ROLE analytics_reader`;
        return work(tx as unknown as typeof db.sql);
      });
    const [temporary] = await db.sql`SELECT has_database_privilege('analytics_reader', current_database(), 'TEMPORARY') AS allowed`;

    for (const table of ['analytics_letter_children', 'analytics_child_tombstones', 'analytics_letter_tombstones']) {
      await expect(asReader((tx) => tx`SELECT count(*) FROM ${tx(table)}`)).rejects.toMatchObject({ code: '42501' });
    }
    expect(temporary?.allowed).toBe(false);
  });

  it('creates analytics_writer, which may upsert letters and delete them (erasure, retention) but not change the schema', async () => {
    await runMigrations(db.sql);
    const asWriter = (work: (tx: typeof db.sql) => Promise<unknown>) =>
      db.sql.begin(async (tx) => {
        await tx`SET LOCAL ROLE analytics_writer`;
        return work(tx as unknown as typeof db.sql);
      });

    const upsert = () =>
      asWriter(
        (tx) => tx`
          INSERT INTO letters (letter_id, status, version, updated_at, expires_at) VALUES ('x', 'active', 'v', now(), now())
          ON CONFLICT (letter_id) DO UPDATE SET status = excluded.status`,
      );

    const inserted = await upsert();
    const updated = await upsert();
    const removed = await asWriter((tx) => tx`DELETE FROM letters`);
    const alter = asWriter((tx) => tx`ALTER TABLE letters ADD COLUMN child_name text`);

    expect([inserted, updated, removed].map((result) => (result as { count: number }).count)).toEqual([1, 1, 1]);
    await expect(alter).rejects.toMatchObject({ code: '42501' });
  });
});
