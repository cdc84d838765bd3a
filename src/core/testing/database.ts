import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { type Database, openDatabase } from '../db/database.ts';

/** Which database the current test run uses: set per Vitest project (see vitest.config.ts). */
export function testDbKind(): 'pglite' | 'server' {
  return process.env.MTS_TEST_DB === 'server' ? 'server' : 'pglite';
}

/**
 * A database of the test file's own. On PGlite: in memory, started from the template that the global
 * setup migrated and loaded once (so a test file pays no initdb). On a server: a new database created
 * from TEST_DATABASE_URL and dropped on close.
 */
export async function openTestDatabase(): Promise<Database> {
  if (testDbKind() === 'pglite') {
    const template = process.env.MTS_PGLITE_TEMPLATE;
    const loadDataDir = template ? new Blob([readFileSync(template)]) : undefined;
    return openDatabase({ dataDir: 'memory://', loadDataDir });
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is required for the server test project');
  const name = `mts_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), dataDir: 'memory://', poolSize: 8 });
  const close = database.close;
  return {
    ...database,
    async close() {
      await close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
