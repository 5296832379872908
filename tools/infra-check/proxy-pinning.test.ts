// What the functions behind RDS Proxy send, checked against AWS's pinning rules
// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy-pinning.html): a session
// that SETs a parameter, prepares a named statement, creates a temporary table, LISTENs or
// takes a session advisory lock keeps its database connection until it ends. The migrator
// talks to the instance directly (DATABASE_HOST is the instance address), so it is not read here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const THROUGH_THE_PROXY = [
  'shared/adapters/postgres-client.ts',
  'shared/adapters/analytics-writer.ts',
  'shared/adapters/analytics-reader.ts',
  'shared/adapters/analytics-store.ts',
  'shared/adapters/analytics-purge.ts',
  'shared/adapters/analytics-rows.ts',
];

const PINNING: { what: string; pattern: RegExp }[] = [
  { what: 'a session SET (SET LOCAL ends with the transaction)', pattern: /[;`'"]\s*SET\s+(?!LOCAL\b)(SESSION\s+)?[a-z_.]+\s*(=|\bTO\b)/iu },
  { what: 'set_config() for the session', pattern: /set_config\([^)]*,\s*false\s*\)/iu },
  { what: 'a named prepared statement', pattern: /\b(PREPARE|DEALLOCATE|DISCARD)\s+\w+|prepare:\s*true/iu },
  { what: 'a temporary table', pattern: /CREATE\s+TEMP(ORARY)?\s+TABLE/iu },
  { what: 'LISTEN', pattern: /\bLISTEN\s+\w+/iu },
  { what: 'a session advisory lock', pattern: /pg_(try_)?advisory_lock\(/iu },
];

const sourceOf = (file: string): string => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

describe('the PostgreSQL clients behind RDS Proxy', () => {
  it.each(THROUGH_THE_PROXY)('%s sends nothing that pins a proxied connection', (file) => {
    const source = sourceOf(file);

    expect(PINNING.filter(({ pattern }) => pattern.test(source)).map(({ what }) => what)).toEqual([]);
  });

  it('turns prepared statements off on the proxy path', () => {
    const proxyPath = sourceOf('shared/adapters/postgres-client.ts').split("if ('url' in config)")[1]!;

    expect(proxyPath).toMatch(/prepare: false,/u);
  });

  it('finds each pinning statement in a source that has it', () => {
    const samples = ['sql`SET search_path = x`', "select set_config('a', 'b', false)", 'PREPARE q AS SELECT 1', 'CREATE TEMP TABLE t (a int)', 'LISTEN letters', 'select pg_advisory_lock(1)'];

    expect(samples.map((sample) => PINNING.filter(({ pattern }) => pattern.test(sample)).length)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(PINNING.some(({ pattern }) => pattern.test('tx`SET LOCAL ROLE analytics_writer`') || pattern.test('sql`UPDATE t SET a = 1`'))).toBe(false);
  });
});
