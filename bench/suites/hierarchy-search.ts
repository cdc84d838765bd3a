import type { ChildServer } from '../lib/child-server.ts';
import { expectOk, HIERARCHY_APP_NOTE, searchQueries, startHierarchyApp, unitsInForce } from '../lib/hierarchy.ts';
import { defineBenchmark } from '../lib/types.ts';

type State = { app: ChildServer; paths: string[] };

/** The public search box: names typed without tone marks, often unfinished. */
export default defineBenchmark<State>({
  name: 'hierarchy-search',
  description:
    'GET /api/units/search?q= of the real app, anonymous (Central, provinces and communes; 20 results): 400 queries ' +
    'without tone marks — "ha noi", "ba dinh", "phu quoc"… and their prefixes, then seeded-random communes’ ' +
    'names, full names ("xa …", "phuong …") and 3–6 letter prefixes' +
    HIERARCHY_APP_NOTE,
  baseline: 'http-fastify-bare',
  budget: { p95Ms: 20 },
  async setup(ctx) {
    const app = await startHierarchyApp(ctx);
    const communes = await unitsInForce(ctx.database.pool, 'commune');
    const queries = searchQueries(ctx.random('queries'), communes, 400);
    const paths = queries.map((q) => `/api/units/search?q=${encodeURIComponent(q)}`);
    await expectOk(app, paths[0]!);
    return { app, paths };
  },
  run: (ctx, s) => ctx.httpLoad(s.app.url, { paths: s.paths }),
});
