import { todayInVietnam, unitsDb } from '../../src/modules/units/index.ts';
import { countSubtree } from '../../src/modules/units/units.repo.ts';
import { HIERARCHY_DATASET, unitsInForce } from '../lib/hierarchy.ts';
import { defineBenchmark } from '../lib/types.ts';

/** The module's subtree counts called in-process, to set against the naive SQL on equal terms. */
export default defineBenchmark({
  name: 'hierarchy-subtree-counts-query',
  description:
    'countSubtree of the units module in-process (ltree <@ on the GiST-indexed path, two grouped counts) for ' +
    'seeded-random provinces; server: 4 in flight over the pool, PGlite: 1',
  baseline: 'hierarchy-subtree-counts-naive',
  async setup(ctx) {
    await ctx.ensureDataset(HIERARCHY_DATASET);
    return unitsInForce(ctx.database.pool, 'province');
  },
  async run(ctx, provinces) {
    const random = ctx.random('provinces');
    const db = unitsDb(ctx.database.db);
    const asOf = todayInVietnam();
    return ctx.measure(() => countSubtree(db, random.pick(provinces).path, asOf), {
      unit: 'queries',
      warmupOps: 5,
      concurrency: ctx.database.kind === 'server' ? 4 : 1,
    });
  },
});
