import { PETITIONS_APP_NOTE, startPetitionsApp } from '../datasets/petitions-bench.ts';
import type { ChildServer } from '../lib/child-server.ts';
import { defineBenchmark } from '../lib/types.ts';

/** Public case pages: server-rendered HTML of published cases, by their stable URL. */
export default defineBenchmark<{ app: ChildServer; paths: string[] }>({
  name: 'petitions-case-page',
  description: `GET /phan-anh/vu-viec/:id (React SSR, redacted case) over 1,000 published cases${PETITIONS_APP_NOTE}`,
  baseline: 'http-fastify-bare',
  budget: { p99Ms: 50, minOpsPerSec: 2000 },
  async setup(ctx) {
    const app = await startPetitionsApp(ctx);
    const { rows } = await ctx.database.pool.query<{ id: number }>(
      'SELECT id FROM petition WHERE published ORDER BY id LIMIT 20000',
    );
    const r = ctx.random('cases');
    const paths = Array.from({ length: 1000 }, () => `/phan-anh/vu-viec/${rows[r.int(0, rows.length - 1)]!.id}`);
    return { app, paths };
  },
  run: (ctx, s) => ctx.httpLoad(s.app.url, { paths: s.paths }),
});
