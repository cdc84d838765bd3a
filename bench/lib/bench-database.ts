import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type CoreTables, createPglite, openDatabase } from '../../src/core/db/database.ts';
import { migrate } from '../../src/core/db/migrate.ts';
import { PreparingClient } from '../../src/core/db/prepared.ts';
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
  /**
   * PGlite only (a server is shared through `url`): writes a copy of this database, as it is now, to
   * `<dataDir>/pgdata`, where a child process (the app) opens it as its own embedded database.
   */
  copyTo(dataDir: string): Promise<void>;
  /** Another freshly migrated, empty database of the same engine (PGlite: from a copy taken after migrating). */
  openEmpty(): Promise<BenchDatabase>;
  close(): Promise<void>;
};

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export async function openBenchDatabase(kind: DbKind): Promise<BenchDatabase> {
  if (kind === 'server') return migrated(await openServer());
  // BENCH_REUSE_DATABASE=<directory>: a PGlite data directory kept by an earlier run (BENCH_KEEP_DATABASE=1).
  const reused = process.env.BENCH_REUSE_DATABASE;
  if (reused) return migrated(await openPglite(undefined, reused));
  // PGlite's initdb takes seconds of WASM; later empty databases start from a copy of this one instead.
  return migrated(await openPglite(), async (bench) => {
    bench.emptyCopy = await bench.dump();
  });
}

async function migrated<T extends BenchDatabase>(bench: T, then?: (bench: T) => Promise<void>): Promise<T> {
  try {
    await migrate(bench.pool);
    await then?.(bench);
  } catch (err) {
    await bench.close();
    throw err;
  }
  return bench;
}

async function openServer(): Promise<BenchDatabase> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_ADMIN_URL;
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  // BENCH_REUSE_DATABASE=<name>: a database kept by an earlier run (its datasets are not built again).
  const reused = process.env.BENCH_REUSE_DATABASE;
  const name = reused ?? `mts_bench_${stamp}_${randomBytes(3).toString('hex')}`;
  if (!reused) await admin(adminUrl, `CREATE DATABASE ${name}`);
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
    async copyTo() {
      throw new Error('copyTo: a server database is shared with child processes through its url');
    },
    openEmpty: () => openBenchDatabase('server'),
    async close() {
      await database.close();
      // BENCH_KEEP_DATABASE=1 keeps it for profiling against the same data (drop it by hand afterwards).
      if (reused || process.env.BENCH_KEEP_DATABASE === '1') console.log(`[bench] kept database ${name}`);
      else await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

type PgliteBench = BenchDatabase & { emptyCopy: Blob | undefined; dump(): Promise<Blob> };

/**
 * A PGlite database in a temporary directory: initialised, or unpacked from `from` (a dumpDataDir copy); or the
 * kept directory `reused`.
 */
async function openPglite(from?: Blob, reused?: string): Promise<PgliteBench> {
  const dataDir = reused ?? mkdtempSync(path.join(tmpdir(), 'mts-bench-'));
  const keep = reused !== undefined || (from === undefined && process.env.BENCH_KEEP_DATABASE === '1');
  const pglite: PGlite = await createPglite({ dataDir, ...(from ? { loadDataDir: from } : {}) });
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  // The product's client (statements marked `prepared` are prepared), as openDatabase sets it.
  const pool = new pg.Pool(
    Object.assign(createPgConfig(pglite) as unknown as pg.PoolConfig, { Client: PreparingClient }),
  );
  const db = new Kysely<CoreTables>({ dialect: new PostgresDialect({ pool }) });
  const { rows } = await pool.query<{ version: string }>('SELECT version()');
  const bench: PgliteBench = {
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
    emptyCopy: from,
    dump: () => pglite.dumpDataDir('none') as Promise<Blob>,
    async copyTo(targetDir) {
      const copy = await createPglite({ dataDir: targetDir, loadDataDir: await bench.dump() });
      await copy.close();
    },
    async openEmpty() {
      if (!bench.emptyCopy) throw new Error('openEmpty: no copy of the empty database was taken');
      return openPglite(bench.emptyCopy);
    },
    async close() {
      await db.destroy();
      await pglite.close();
      if (keep) console.log(`[bench] kept database ${dataDir}`);
      else rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return bench;
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
