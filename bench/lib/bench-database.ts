import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type CoreTables, createPglite, openDatabase } from '../../src/core/db/database.ts';
import { migrate } from '../../src/core/db/migrate.ts';
import { copyFrom } from './copy.ts';

export type DbKind = 'pglite' | 'server';

/** The fresh, migrated database of one benchmark run. close() throws it away. */
export type BenchDatabase = {
  kind: DbKind;
  pool: pg.Pool;
  db: Kysely<CoreTables>;
  /** Server only: the URL of this run's database, for child processes (the app under test). */
  url: string | undefined;
  /** `SELECT version()` of the engine, plus the PGlite package version when embedded. */
  engine: string;
  /** `COPY <target> FROM STDIN` with text-format chunks, on either engine. Returns rows copied. */
  copyFrom(sql: string, chunks: Iterable<Buffer>): Promise<number>;
  close(): Promise<void>;
};

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export async function openBenchDatabase(kind: DbKind): Promise<BenchDatabase> {
  const bench = kind === 'server' ? await openServer() : await openPglite();
  try {
    await migrate(bench.pool);
  } catch (err) {
    await bench.close();
    throw err;
  }
  return bench;
}

async function openServer(): Promise<BenchDatabase> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_ADMIN_URL;
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const name = `mts_bench_${stamp}_${randomBytes(3).toString('hex')}`;
  await admin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), dataDir: 'memory://', poolSize: 8 });
  const { rows } = await database.pool.query<{ version: string }>('SELECT version()');
  return {
    kind: 'server',
    pool: database.pool,
    db: database.db,
    url: url.toString(),
    engine: shortVersion(rows[0]!.version),
    async copyFrom(sql, chunks) {
      const client = await database.pool.connect();
      try {
        return await copyFrom(client, sql, chunks);
      } finally {
        client.release();
      }
    },
    async close() {
      await database.close();
      await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function openPglite(): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mts-bench-'));
  const pglite: PGlite = await createPglite({ dataDir });
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<CoreTables>({ dialect: new PostgresDialect({ pool }) });
  const { rows } = await pool.query<{ version: string }>('SELECT version()');
  return {
    kind: 'pglite',
    pool,
    db,
    url: undefined,
    engine: `PGlite ${await pgliteVersion()} (${shortVersion(rows[0]!.version)})`,
    // The node-postgres shim aborts PGlite on CopyData messages, so COPY goes through PGlite's own
    // COPY … FROM '/dev/blob', which is the same COPY command fed from a Blob instead of the socket.
    async copyFrom(sql, chunks) {
      const blob = new Blob([...chunks] as BlobPart[]);
      const result = await pglite.query(sql.replace(/FROM\s+STDIN/i, "FROM '/dev/blob'"), [], { blob });
      return result.affectedRows ?? 0;
    },
    async close() {
      await db.destroy();
      await pglite.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function pgliteVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const entry = import.meta.resolve('@electric-sql/pglite');
  const pkg = new URL('../package.json', entry);
  return (JSON.parse(await readFile(pkg, 'utf8')) as { version: string }).version;
}

/** "PostgreSQL 15.20 (Debian …) on x86_64-pc-linux-gnu, compiled by …" → "PostgreSQL 15.20 (Debian …) on x86_64-pc-linux-gnu". */
function shortVersion(version: string): string {
  return version.split(', compiled by')[0]!.trim();
}
