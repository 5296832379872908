import { randomBytes } from 'node:crypto';
import type { Sql } from 'postgres';
import { startPgliteServer } from './pglite-server.js';
import { createSql } from '../adapters/postgres-client.js';

/** An empty database of one's own, reached over the wire like the real one. */
export interface TestDatabase {
  /** A postgres:// URL that lands in this database (and, on a shared server, in its schema). */
  url: string;
  /** A client made by createSql, so tests see what functions see. */
  sql: Sql;
  /** Empties it: drops and re-creates its schema (cluster-wide roles stay). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

// Starting PGlite takes seconds, so test files start one database and reset it between tests.
const resetSchema = async (sql: Sql): Promise<void> => {
  await sql`
    DO $$
    DECLARE
      schema_name text := current_schema();
    BEGIN
      EXECUTE format('DROP SCHEMA %I CASCADE', schema_name);
      EXECUTE format('CREATE SCHEMA %I', schema_name);
    END
    $$`;
};

// pglite-socket multiplexes its clients onto one PGlite session; a few let a test open a
// second client (say, to race a first), as the local runtime does with one per function.
const PGLITE_CONNECTIONS = 8;

const onSharedServer = async (baseUrl: string): Promise<TestDatabase> => {
  const schema = `t_${randomBytes(8).toString('hex')}`;
  const admin = createSql({ url: baseUrl });
  await admin`CREATE SCHEMA ${admin(schema)}`;
  // The startup "options" parameter (libpq's spelling) sets search_path for every client of this URL.
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const sql = createSql({ url: url.toString() });
  return {
    url: url.toString(),
    sql,
    reset: () => resetSchema(sql),
    stop: async () => {
      await sql.end();
      await admin`DROP SCHEMA ${admin(schema)} CASCADE`;
      await admin.end();
    },
  };
};

const onPglite = async (): Promise<TestDatabase> => {
  const server = await startPgliteServer({ maxConnections: PGLITE_CONNECTIONS });
  const { url } = server;
  const sql = createSql({ url });
  return {
    url,
    sql,
    reset: () => resetSchema(sql),
    stop: async () => {
      await sql.end();
      await server.stop();
    },
  };
};

/**
 * A fresh, empty database: a new schema on the server DATABASE_URL names (so parallel test
 * files never meet), else an in-memory PGlite served on a free loopback port.
 */
export const startTestDatabase = (env: Record<string, string | undefined> = process.env): Promise<TestDatabase> => {
  const baseUrl = env.DATABASE_URL;
  return baseUrl ? onSharedServer(baseUrl) : onPglite();
};

/** `count` clients of the database, one connection each (as Lambda instances have): concurrent writers. Ended by the caller. */
export const writerClients = (db: Pick<TestDatabase, 'url'>, count: number): Sql[] => Array.from({ length: count }, () => createSql({ url: db.url }));
