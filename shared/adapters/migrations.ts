import { createHash } from 'node:crypto';
import type { ReservedSql, Sql } from 'postgres';
import { migrations, type Migration } from '../migrations/index.js';

export { migrations, type Migration };

/** Raised when the database disagrees with the migrations this code carries. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

// Advisory locks are per database; the schema is part of the key so that isolated schemas
// (one per test file) migrate in parallel while two runners on one schema take turns.
const LOCK_NAME = 'santas-workshop:schema_migrations:';

/** A connection of its own (sql.reserve()) on which the migration lock is held. */
export type MigrationSession = ReservedSql;

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

// A reserved connection has no sql.begin(), so the transaction is spelled out. BEGIN, COMMIT
// and ROLLBACK go as simple-protocol messages: one message each, which an embedded PGlite
// (one session shared by every client) cannot interleave with another client's statements.
const inTransaction = async <T>(session: MigrationSession, work: () => Promise<T>): Promise<T> => {
  await session.unsafe('BEGIN').simple();
  try {
    const result = await work();
    await session.unsafe('COMMIT').simple();
    return result;
  } catch (error) {
    await session.unsafe('ROLLBACK').simple();
    throw error;
  }
};

const applyOne = (tx: MigrationSession, migration: Migration): Promise<boolean> =>
  inTransaction(tx, async () => {
    // Checked in the transaction rather than CREATE ... IF NOT EXISTS, which notices.
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

/**
 * Runs work on a connection of its own holding the migration lock (a session advisory lock),
 * so that two runs on one database take turns from the first statement to the last: schema
 * changes, role passwords and generated secrets alike. The lock goes with the connection.
 */
export const withMigrationLock = async <T>(sql: Sql, work: (session: MigrationSession) => Promise<T>): Promise<T> => {
  // postgres.js never answers reserve() on a client that has not connected yet when it skips
  // type discovery (fetch_types: false, as createSql sets), so the connection is opened first.
  await sql.unsafe('SELECT 1').simple();
  const session = await sql.reserve();
  // A session lock outlives the transaction it is taken in; the transaction only keeps the
  // statement whole on PGlite (see inTransaction).
  try {
    await inTransaction(session, () => session`SELECT pg_advisory_lock(hashtext(${LOCK_NAME} || coalesce(current_schema(), '')))`);
    try {
      return await work(session);
    } finally {
      await inTransaction(session, () => session`SELECT pg_advisory_unlock(hashtext(${LOCK_NAME} || coalesce(current_schema(), '')))`);
    }
  } finally {
    session.release();
  }
};

/** Applies the pending migrations in version order, each in its own transaction, on a session holding the lock. */
export const applyPendingMigrations = async (
  session: MigrationSession,
  options: { migrations?: readonly Migration[] } = {},
): Promise<string[]> => {
  const list = inVersionOrder(options.migrations ?? migrations);
  const applied: string[] = [];
  for (const migration of list) {
    if (await applyOne(session, migration)) applied.push(migration.name);
  }
  return applied;
};

/** Applies the pending migrations in version order under the migration lock; returns the names applied. */
export const runMigrations = async (sql: Sql, options: { migrations?: readonly Migration[] } = {}): Promise<string[]> => {
  // Checked before the lock, so a bad list touches nothing.
  inVersionOrder(options.migrations ?? migrations);
  return withMigrationLock(sql, (session) => applyPendingMigrations(session, options));
};
