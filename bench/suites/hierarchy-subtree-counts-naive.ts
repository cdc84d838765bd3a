import { todayInVietnam } from '../../src/modules/units/index.ts';
import { HIERARCHY_DATASET, unitsInForce } from '../lib/hierarchy.ts';
import { NAIVE_SUBTREE_COUNTS } from '../lib/hierarchy-sql.ts';
import { defineBenchmark } from '../lib/types.ts';

/** Baseline for the subtree counts: the same figures from one plain query over the raw rows. */
export default defineBenchmark({
  name: 'hierarchy-subtree-counts-naive',
  description:
    'Naive subtree counts in-process: LIKE prefix on path::text (no ltree, no GiST) joined to organisation, ' +
    'grouped by level and organisation type, for seeded-random provinces; server: 4 in flight, PGlite: 1',
  async setup(ctx) {
    await ctx.ensureDataset(HIERARCHY_DATASET);
    return unitsInForce(ctx.database.pool, 'province');
  },
  async run(ctx, provinces) {
    const random = ctx.random('provinces');
    const pool = ctx.database.pool;
    const asOf = todayInVietnam();
    return ctx.measure(() => pool.query(NAIVE_SUBTREE_COUNTS, [random.pick(provinces).path, asOf]), {
      unit: 'queries',
      warmupOps: 5,
      concurrency: ctx.database.kind === 'server' ? 4 : 1,
    });
  },
});
