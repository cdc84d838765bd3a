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

/** A commune's village list, first page, as staff see it when they open a commune. */
export default defineBenchmark<State>({
  name: 'hierarchy-children',
  description:
    'GET /api/units/:commune/children (first page, up to 100 villages) of the real app, 500 seeded-random communes ' +
    'that have villages, signed in as a Central viewer (session cookie; villages are staff data)' +
    ' — while a village somewhere in the country is renamed (and back) every second through the API, so the ' +
    'reads kept under the change counters are recomputed throughout the run' +
    HIERARCHY_APP_NOTE,
  baseline: 'http-fastify-bare',
  budget: { p95Ms: 20 },
  async setup(ctx) {
    const app = await startHierarchyApp(ctx);
    const communes = await unitsInForce(ctx.database.pool, 'commune', { withChildren: true });
    const paths = sample(ctx.random('communes'), communes, 500).map((c) => `/api/units/${c.code}/children`);
    const headers = await centralViewerHeaders(app);
    await expectOk(app, paths[0]!, headers);
    return { app, paths, headers, villages: await unitsInForce(ctx.database.pool, 'village') };
  },
  async run(ctx, s) {
    return whileRenamingVillages(s.app, s.villages, ctx.random('renames'), () =>
      ctx.httpLoad(s.app.url, { paths: s.paths, headers: s.headers }),
    );
  },
});
