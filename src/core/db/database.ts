import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { readPgliteTemplate } from './pglite-template.ts';
import { PreparingClient } from './prepared.ts';

/** Tables owned by core; modules widen the type with `db.withTables<TheirTables>()`. */
export interface CoreTables {
  schema_migrations: { version: string; name: string; checksum: string; applied_at: Date };
}

export type Db = Kysely<CoreTables>;

export type Database = {
  kind: 'pglite' | 'server';
  pool: pg.Pool;
  db: Db;
  /**
   * Embedded only: calls `onNotice` with the payload of every NOTIFY on `channel` committed in this database. The
   * embedded database belongs to this one process (see the lock file), so what it hears is every change there is.
   */
  listen?: (channel: string, onNotice: (payload: string) => void) => Promise<void>;
  close(): Promise<void>;
};

// Dates stay strings ('2025-07-01') so that no time zone shifts a legal effective date.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// COUNT(*) and SUM() of integers come back as int8; they always fit in a JS number here.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export type DatabaseOptions = {
  /** postgres:// URL of a server; when absent, an embedded PGlite database is used. */
  url?: string | undefined;
  /** Where PGlite keeps its files; `memory://` keeps them in memory. */
  dataDir: string;
  poolSize?: number;
  /** A prepared PGlite data directory (tarball) to start from, used by tests to skip initdb. */
  loadDataDir?: Blob | File;
};

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) return openServer(opts.url, opts.poolSize ?? 10);
  return openEmbedded(opts);
}

function openServer(url: string, poolSize: number): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    application_name: 'mat-tran-so',
    Client: PreparingClient,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<CoreTables>({ dialect: new PostgresDialect({ pool }) });
  return { kind: 'server', pool, db, close: () => db.destroy() };
}

async function openEmbedded(opts: DatabaseOptions): Promise<Database> {
  const isNewCluster = opts.dataDir === 'memory://' || !existsSync(path.join(pgDataDir(opts.dataDir), 'PG_VERSION'));
  const loadDataDir = opts.loadDataDir ?? (isNewCluster ? readPgliteTemplate() : undefined);
  const pglite = await createPglite({ dataDir: opts.dataDir, loadDataDir });
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const pool = new pg.Pool(
    Object.assign(createPgConfig(pglite) as unknown as pg.PoolConfig, { Client: PreparingClient }),
  );
  const db = new Kysely<CoreTables>({ dialect: new PostgresDialect({ pool }) });
  const release = opts.dataDir === 'memory://' ? () => {} : lockDataDir(pgDataDir(opts.dataDir));
  return {
    kind: 'pglite',
    pool,
    db,
    listen: async (channel, onNotice) => {
      await pglite.listen(channel, onNotice);
    },
    async close() {
      await db.destroy();
      await pglite.close();
      release();
    },
  };
}

export function pgDataDir(dataDir: string): string {
  return dataDir === 'memory://' ? dataDir : path.join(dataDir, 'pgdata');
}

export async function createPglite(opts: { dataDir: string; loadDataDir?: Blob | File | undefined }): Promise<PGlite> {
  const [{ PGlite }, { ltree }, { pg_trgm }, { unaccent }, { pgcrypto }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/ltree'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/contrib/unaccent'),
    import('@electric-sql/pglite/contrib/pgcrypto'),
  ]);
  const dir = pgDataDir(opts.dataDir);
  if (dir !== 'memory://') mkdirSync(dir, { recursive: true });
  const pglite = new PGlite(dir, {
    extensions: { ltree, pg_trgm, unaccent, pgcrypto },
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
  });
  await pglite.waitReady;
  return pglite;
}

/**
 * PGlite is single-process: two processes opening the same directory would corrupt it.
 * A lock file with the owner's pid refuses the second one with a clear message.
 */
function lockDataDir(dir: string): () => void {
  const lock = `${dir}.lock`;
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The embedded database in ${dir} is in use by process ${pid}. Stop it first, or use DATABASE_URL to share a PostgreSQL server between processes.`,
      );
    }
    rmSync(lock, { force: true });
  }
  const fd = openSync(lock, 'wx');
  writeSync(fd, String(process.pid));
  closeSync(fd);
  return () => rmSync(lock, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
