import type { ChildServer } from '../lib/child-server.ts';
import { expectOk, HIERARCHY_APP_NOTE, sample, startHierarchyApp, unitsInForce } from '../lib/hierarchy.ts';
import { defineBenchmark } from '../lib/types.ts';

type State = { app: ChildServer; paths: string[] };

/** A province's dashboard tiles: communes, villages and organisations by type in its subtree. */
export default defineBenchmark<State>({
  name: 'hierarchy-subtree-counts',
  description:
    'GET /api/units/:province/counts (communes, villages, organisations by type in the subtree, live) of the real ' +
    'app, anonymous, 200 seeded-random picks among the 34 provinces' +
    HIERARCHY_APP_NOTE,
  baseline: 'http-fastify-bare',
  budget: { p95Ms: 100 },
  async setup(ctx) {
    const app = await startHierarchyApp(ctx);
    const provinces = await unitsInForce(ctx.database.pool, 'province');
    const paths = sample(ctx.random('provinces'), provinces, 200).map((p) => `/api/units/${p.code}/counts`);
    await expectOk(app, paths[0]!);
    return { app, paths };
  },
  run: (ctx, s) => ctx.httpLoad(s.app.url, { paths: s.paths }),
});
