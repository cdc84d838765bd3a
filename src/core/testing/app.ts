import type { FastifyInstance } from 'fastify';
import { type BuildOptions, buildApp } from '../../app.ts';
import { type Config, testConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from './database.ts';

export type TestApp = { app: FastifyInstance; database: Database; close(): Promise<void> };

/** The whole app on a test database of its own. Call `close()` in afterAll. */
export async function createTestApp(
  overrides: Partial<Config> = {},
  configure?: BuildOptions['configure'],
): Promise<TestApp> {
  const database = await openTestDatabase();
  const app = await buildApp(testConfig(overrides), { database, configure: configure ?? addEchoRoute });
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** POST /api/echo: a JSON route for tests of body parsing, limits and validation. */
function addEchoRoute(app: FastifyInstance): void {
  app.post('/api/echo', { schema: { hide: true } }, async (req) => ({ received: req.body }));
}
