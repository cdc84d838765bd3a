import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { isMigrated } from '../db/migrate.ts';

/** /healthz: the process answers. /readyz: the database answers and every migration is applied. */
export function installHealth(app: FastifyInstance, pool: pg.Pool): void {
  const opts = { schema: { hide: true }, config: { rateLimit: false }, logLevel: 'warn' as const };
  app.get('/healthz', opts, async () => ({ status: 'ok' }));
  app.get('/readyz', opts, async (_req, reply) => {
    try {
      const migrated = await isMigrated(pool);
      if (!migrated) return reply.status(503).send({ status: 'migrating' });
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'database unavailable' });
    }
  });
}
