import { describe, expect, it } from 'vitest';
import { createSql } from '../adapters/postgres-client.js';
import { startTestDatabase, type TestDatabase } from './postgres.js';

const tableExists = async (db: Pick<TestDatabase, 'sql'>, name: string): Promise<boolean> => {
  const [row] = await db.sql`SELECT to_regclass(${name}) IS NOT NULL AS present`;
  return row?.present === true;
};

// Starting PGlite takes seconds, more when other test files start theirs at the same time.
const SLOW_START_MS = 120_000;

describe('startTestDatabase', () => {
  it('gives each caller an empty database of its own', { timeout: SLOW_START_MS }, async () => {
    const [a, b] = await Promise.all([startTestDatabase(), startTestDatabase()]);
    try {
      await a.sql`CREATE TABLE only_in_a (id int)`;

      expect(await tableExists(a, 'only_in_a')).toBe(true);
      expect(await tableExists(b, 'only_in_a')).toBe(false);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('leads its url to the same database as its sql, and reset empties it', { timeout: SLOW_START_MS }, async () => {
    const db = await startTestDatabase();
    const other = createSql({ url: db.url });
    try {
      await db.sql`CREATE TABLE shared (id int)`;
      await db.sql`INSERT INTO shared VALUES (1)`;

      expect(await other`SELECT id FROM shared`).toEqual([{ id: 1 }]);

      await db.reset();

      expect(await tableExists(db, 'shared')).toBe(false);
      expect(await tableExists({ sql: other }, 'shared')).toBe(false);
    } finally {
      await other.end();
      await db.stop();
    }
  });
});
