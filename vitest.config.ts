import { defineConfig } from 'vitest/config';

const shared = {
  include: ['src/**/*.test.ts', 'web/**/*.test.{ts,tsx}'],
  testTimeout: 30_000,
  hookTimeout: 120_000,
};

// `npm test` runs every test on the embedded database; with TEST_DATABASE_URL set it runs the same
// tests again on that PostgreSQL server, each test file in a database it creates and drops.
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        test: {
          ...shared,
          name: 'pglite',
          env: { MTS_TEST_DB: 'pglite' },
          globalSetup: ['src/core/testing/global-setup.ts'],
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [{ test: { ...shared, name: 'server', include: ['src/**/*.test.ts'], env: { MTS_TEST_DB: 'server' } } }]
        : []),
    ],
  },
});
