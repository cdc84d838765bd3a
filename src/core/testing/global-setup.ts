import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { buildApp } from '../../app.ts';
import { testConfig } from '../config.ts';
import { createPglite } from '../db/database.ts';
import { readPgliteTemplate } from '../db/pglite-template.ts';

/**
 * Runs once per `vitest run` on PGlite: migrates a fresh database and starts every module on it (reference
 * data loaded), then saves its data directory so each test file starts from it instead of running initdb.
 */
export default async function setup(): Promise<() => void> {
  if (process.env.MTS_TEST_DB === 'server') return () => {};
  const pglite = await createPglite({ dataDir: 'memory://', loadDataDir: readPgliteTemplate() });
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<never>({ dialect: new PostgresDialect({ pool }) });
  const database = { kind: 'pglite' as const, pool, db, close: async () => {} };
  const app = await buildApp(testConfig(), { database: database as never });
  await app.close();
  await db.destroy();
  const dump = await pglite.dumpDataDir('none');
  await pglite.close();
  const file = path.join(os.tmpdir(), `mts-pglite-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env.MTS_PGLITE_TEMPLATE = file;
  return () => {};
}
