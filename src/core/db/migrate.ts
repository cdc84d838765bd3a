import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../../migrations');
const MIGRATION_FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;
// Any constant will do; it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK_KEY = 7_231_941_001;

export type Migration = { version: string; name: string; sql: string; checksum: string };

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => {
      const m = MIGRATION_FILE.exec(file);
      if (!m) throw new Error(`Migration file name must look like NNNN_verb_object.sql: ${file}`);
      const sql = readFileSync(path.join(dir, file), 'utf8');
      return { version: m[1]!, name: m[2]!, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export type MigrateResult = { applied: string[]; alreadyApplied: number };

/**
 * Applies pending migrations, each in its own transaction, under a session advisory lock so that
 * two processes starting at once never both migrate. Forward-only: an applied file that changed is an error.
 */
export async function migrate(pool: pg.Pool, migrations = readMigrations()): Promise<MigrateResult> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version text PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now())`);
      const { rows } = await client.query<{ version: string; checksum: string }>(
        'SELECT version, checksum FROM schema_migrations',
      );
      const done = new Map(rows.map((r) => [r.version, r.checksum]));
      const applied: string[] = [];
      for (const m of migrations) {
        const previous = done.get(m.version);
        if (previous) {
          if (previous !== m.checksum) {
            throw new Error(
              `Migration ${m.version}_${m.name} was changed after it was applied; add a new migration instead.`,
            );
          }
          continue;
        }
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
            m.version,
            m.name,
            m.checksum,
          ]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw new Error(`Migration ${m.version}_${m.name} failed: ${(err as Error).message}`, { cause: err });
        }
        applied.push(`${m.version}_${m.name}`);
      }
      return { applied, alreadyApplied: done.size };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/** True when every known migration has been applied (used by /readyz). */
export async function isMigrated(pool: pg.Pool, migrations = readMigrations()): Promise<boolean> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM schema_migrations WHERE version = ANY($1::text[])`,
    [migrations.map((m) => m.version)],
  );
  return rows[0]?.n === migrations.length;
}
