import type { ChildServer } from '../lib/child-server.ts';
import { defineBenchmark } from '../lib/types.ts';

/** One real database round trip per request through the whole app stack. */
export default defineBenchmark<ChildServer>({
  name: 'app-readyz',
  description:
    'GET /readyz of the real app: one query on schema_migrations per request (PGlite: a copy of the run’s database in the app’s own embedded PGlite)',
  baseline: 'http-fastify-bare',
  budget: { p95Ms: 30, minOpsPerSec: 1_000 },
  setup: (ctx) => ctx.startApp(),
  run: (ctx, app) => ctx.httpLoad(`${app.url}/readyz`),
});
