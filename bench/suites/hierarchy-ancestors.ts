import type { ChildServer } from '../lib/child-server.ts';
import {
  centralViewerHeaders,
  expectOk,
  HIERARCHY_APP_NOTE,
  sample,
  startHierarchyApp,
  type UnitRef,
  unitsInForce,
  whileRenamingVillages,
} from '../lib/hierarchy.ts';
import { defineBenchmark } from '../lib/types.ts';

type State = { app: ChildServer; paths: string[]; headers: Record<string, string>; villages: UnitRef[] };

/** The breadcrumb of a village: Central, its province, its commune, itself. */
export default defineBenchmark<State>({
  name: 'hierarchy-ancestors',
  description:
    'GET /api/units/:village/ancestors (breadcrumb, Central down to the village) of the real app, 1,000 ' +
    'seeded-random villages, signed in as a Central viewer (session cookie)' +
    ' — while a village somewhere in the country is renamed (and back) every second through the API, so the ' +
    'reads kept under the change counters are recomputed throughout the run' +
    HIERARCHY_APP_NOTE,
  baseline: 'http-fastify-bare',
  budget: { p95Ms: 20 },
  async setup(ctx) {
    const app = await startHierarchyApp(ctx);
    const villages = await unitsInForce(ctx.database.pool, 'village');
    const paths = sample(ctx.random('villages'), villages, 1_000).map((v) => `/api/units/${v.code}/ancestors`);
    const headers = await centralViewerHeaders(app);
    await expectOk(app, paths[0]!, headers);
    return { app, paths, headers, villages };
  },
  async run(ctx, s) {
    return whileRenamingVillages(s.app, s.villages, ctx.random('renames'), () =>
      ctx.httpLoad(s.app.url, { paths: s.paths, headers: s.headers }),
    );
  },
});
