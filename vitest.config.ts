import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    // *.server.test.ts need concurrent sessions, which an embedded PGlite (one session) cannot
    // give: they run against a PostgreSQL server (make test-postgres, in CI).
    exclude: ['node_modules/**', 'dist/**', '.local/**', ...(process.env.DATABASE_URL ? [] : ['**/*.server.test.ts'])],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
