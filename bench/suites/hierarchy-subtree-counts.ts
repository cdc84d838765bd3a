import type { ChildServer } from '../lib/child-server.ts';
import {
  expectOk,
  HIERARCHY_APP_NOTE,
  sample,
  startHierarchyApp,
  type UnitRef,
  unitsInForce,
  whileRenamingVillages,
} from '../lib/hierarchy.ts';
import { defineBenchmark } from '../lib/types.ts';

type State = { app: ChildServer; paths: string[]; villages: UnitRef[] };

/** A province's dashboard tiles: communes, villages and organisations by type in its subtree. */
export default defineBenchmark<State>({
  name: 'hierarchy-subtree-counts',
  description:
    'GET /api/units/:province/counts (communes, villages, organisations by type in the subtree, live) of the real ' +
    'app, anonymous, 200 seeded-random picks among the 34 provinces — while a village somewhere in the country is ' +
    'renamed (and back) every second through the API, so cached counts of its province are recomputed' +
    HIERARCHY_APP_NOTE,
  baseline: 'http-fastify-bare',
  budget: { p95Ms: 100 },
  async setup(ctx) {
    const app = await startHierarchyApp(ctx);
    const provinces = await unitsInForce(ctx.database.pool, 'province');
    const paths = sample(ctx.random('provinces'), provinces, 200).map((p) => `/api/units/${p.code}/counts`);
    await expectOk(app, paths[0]!);
    return { app, paths, villages: await unitsInForce(ctx.database.pool, 'village') };
  },
  async run(ctx, s) {
    return whileRenamingVillages(s.app, s.villages, ctx.random('renames'), () =>
      ctx.httpLoad(s.app.url, { paths: s.paths }),
    );
  },
});
