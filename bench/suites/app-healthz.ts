import type { ChildServer } from '../lib/child-server.ts';
import { defineBenchmark } from '../lib/types.ts';

/** The platform's own HTTP floor: every core plugin and hook, no database work. */
export default defineBenchmark<ChildServer>({
  name: 'app-healthz',
  description: 'GET /healthz of the real app (node src/main.ts, production mode, all core plugins and modules)',
  baseline: 'http-fastify-bare',
  budget: { p95Ms: 20, minOpsPerSec: 2_000 },
  setup: (ctx) => ctx.startApp(),
  run: (ctx, app) => ctx.httpLoad(`${app.url}/healthz`),
});
