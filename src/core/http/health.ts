import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { isMigrated, readMigrations } from '../db/migrate.ts';

/** /healthz: the process answers. /readyz: the database answers and every migration is applied. */
export function installHealth(app: FastifyInstance, pool: pg.Pool): void {
  // Read once: the files cannot change under a running process, and /readyz is polled often.
  const migrations = readMigrations();
  const opts = { schema: { hide: true }, config: { rateLimit: false }, logLevel: 'warn' as const };
  app.get('/healthz', opts, async () => ({ status: 'ok' }));
  app.get('/readyz', opts, async (_req, reply) => {
    try {
      const migrated = await isMigrated(pool, migrations);
      if (!migrated) return reply.status(503).send({ status: 'migrating' });
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'database unavailable' });
    }
  });
}
