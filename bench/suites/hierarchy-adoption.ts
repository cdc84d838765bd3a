import type { ChildServer } from '../lib/child-server.ts';
import {
  centralViewerHeaders,
  expectOk,
  HIERARCHY_APP_NOTE,
  startHierarchyApp,
  type UnitRef,
  unitsInForce,
  whileRenamingVillages,
} from '../lib/hierarchy.ts';
import { defineBenchmark } from '../lib/types.ts';

type State = { app: ChildServer; headers: Record<string, string>; villages: UnitRef[] };

const PATH = '/api/units/adoption';

/** The national adoption table as Central sees it: per province, communes that created their village lists. */
export default defineBenchmark<State>({
  name: 'hierarchy-adoption',
  description:
    'GET /api/units/adoption of the real app as a Central viewer (session cookie): the national table, ' +
    'communes started and villages per province and in total, live — while a village somewhere in the country is ' +
    'renamed (and back) every second through the API, so the figures cached under the change counters are ' +
    'recomputed throughout the run' +
    HIERARCHY_APP_NOTE,
  baseline: 'http-fastify-bare',
  budget: { p95Ms: 100 },
  async setup(ctx) {
    const app = await startHierarchyApp(ctx);
    const headers = await centralViewerHeaders(app);
    await expectOk(app, PATH, headers);
    return { app, headers, villages: await unitsInForce(ctx.database.pool, 'village') };
  },
  async run(ctx, s) {
    return whileRenamingVillages(s.app, s.villages, ctx.random('renames'), () =>
      ctx.httpLoad(`${s.app.url}${PATH}`, { headers: s.headers }),
    );
  },
});
