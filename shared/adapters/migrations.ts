import { createHash } from 'node:crypto';
import type { Sql } from 'postgres';
import { migrations, type Migration } from '../migrations/index.js';

export { migrations, type Migration };

/** Raised when the database disagrees with the migrations this code carries. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

// Advisory locks are per database; the schema is part of the key so that isolated schemas
// (one per test file) migrate in parallel while two runners on one schema take turns.
const LOCK_NAME = 'santas-workshop:schema_migrations:';

const checksumOf = (migration: Migration): string => createHash('sha256').update(migration.sql).digest('hex');

const inVersionOrder = (list: readonly Migration[]): Migration[] => {
  const sorted = [...list].sort((a, b) => a.version - b.version);
  sorted.forEach((migration, index) => {
    if (!Number.isInteger(migration.version) || migration.version < 1) {
      throw new MigrationError(`migration ${migration.name} has no positive whole version`);
    }
    if (index > 0 && sorted[index - 1]?.version === migration.version) {
      throw new MigrationError(`two migrations share version ${migration.version}`);
    }
  });
  return sorted;
};

const applyOne = (sql: Sql, migration: Migration): Promise<boolean> =>
  sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(hashtext(${LOCK_NAME} || coalesce(current_schema(), '')))`;
    // Checked under the lock rather than CREATE ... IF NOT EXISTS, which races and notices.
    const [existing] = await tx`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`;
    if (!existing?.present) {
      await tx`
        CREATE TABLE schema_migrations (
          version    integer PRIMARY KEY,
          name       text NOT NULL,
          checksum   text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        )`;
    }
    const checksum = checksumOf(migration);
    const [applied] = await tx<{ checksum: string }[]>`
      SELECT checksum FROM schema_migrations WHERE version = ${migration.version}`;
    if (applied) {
      if (applied.checksum !== checksum) {
        throw new MigrationError(`migration ${migration.name} was changed after it was applied; add a new migration instead`);
      }
      return false;
    }
    // A migration is a fixed, reviewed script of several statements: the simple protocol runs it whole.
    await tx.unsafe(migration.sql).simple();
    await tx`
      INSERT INTO schema_migrations (version, name, checksum)
      VALUES (${migration.version}, ${migration.name}, ${checksum})`;
    return true;
  });

/** Applies the pending migrations in version order, each in its own transaction; returns the names applied. */
export const runMigrations = async (
  sql: Sql,
  options: { migrations?: readonly Migration[] } = {},
): Promise<string[]> => {
  const applied: string[] = [];
  for (const migration of inVersionOrder(options.migrations ?? migrations)) {
    if (await applyOne(sql, migration)) applied.push(migration.name);
  }
  return applied;
};
