import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testDbKind } from '../testing/database.ts';
import { openDatabase } from './database.ts';
import { migrate, readMigrations } from './migrate.ts';

const migrations = readMigrations();
const cli = path.resolve(import.meta.dirname, '../../cli/migrate.ts');

function runMigrateProcess(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c;
    });
    child.stderr.on('data', (c: Buffer) => {
      out += c;
    });
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('migrations', () => {
  it.runIf(testDbKind() === 'server')(
    'two processes migrating one database at once leave it migrated exactly once',
    async () => {
      const adminUrl = process.env.TEST_DATABASE_URL!;
      const name = `mts_migrate_${Date.now().toString(36)}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      try {
        const env = { DATABASE_URL: url.toString(), DATA_DIR: os.tmpdir() };
        const [a, b] = await Promise.all([runMigrateProcess(env), runMigrateProcess(env)]);
        expect(a.code, a.out).toBe(0);
        expect(b.code, b.out).toBe(0);
        // One of them applied everything; the other found nothing left to do.
        expect([a.out, b.out].filter((o) => o.includes('Applied:'))).toHaveLength(1);
        const c = new pg.Client({ connectionString: url.toString() });
        await c.connect();
        const { rows } = await c.query('SELECT version, count(*)::int AS n FROM schema_migrations GROUP BY version');
        await c.end();
        expect(rows).toHaveLength(migrations.length);
        expect(rows.every((r) => r.n === 1)).toBe(true);
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    },
    60_000,
  );

  it.runIf(testDbKind() === 'pglite')(
    'keeps the embedded data across a restart without re-running migrations, and refuses a second process',
    async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'mts-restart-'));
      try {
        const first = await openDatabase({ dataDir: dir });
        const applied = await migrate(first.pool);
        expect(applied.applied).toHaveLength(migrations.length);
        await first.pool.query("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('dữ liệu')");
        // While it is open, another process cannot open the same directory.
        const other = await runMigrateProcess({ DATA_DIR: dir });
        expect(other.code).not.toBe(0);
        expect(other.out).toContain('is in use by process');
        await first.close();

        const second = await openDatabase({ dataDir: dir });
        const again = await migrate(second.pool);
        expect(again.applied).toEqual([]);
        expect(again.alreadyApplied).toBe(migrations.length);
        const { rows } = await second.pool.query('SELECT v FROM kept');
        expect(rows).toEqual([{ v: 'dữ liệu' }]);
        await second.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it('refuses an applied migration whose file changed', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrate(database.pool, migrations.slice(0, 1));
      const changed = [{ ...migrations[0]!, checksum: 'different' }];
      await expect(migrate(database.pool, changed)).rejects.toThrow(/was changed after it was applied/);
    } finally {
      await database.close();
    }
  }, 60_000);
});
