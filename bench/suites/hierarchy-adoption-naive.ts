import { todayInVietnam } from '../../src/modules/units/index.ts';
import { HIERARCHY_DATASET } from '../lib/hierarchy.ts';
import { NAIVE_ADOPTION } from '../lib/hierarchy-sql.ts';
import { defineBenchmark } from '../lib/types.ts';

/** Baseline for the adoption table: one plain GROUP BY over the raw rows. */
export default defineBenchmark({
  name: 'hierarchy-adoption-naive',
  description:
    'Naive national adoption table in-process: communes self-joined to their villages on parent_id, one GROUP BY ' +
    'province code with COUNT(DISTINCT); server: 4 in flight, PGlite: 1',
  setup: (ctx) => ctx.ensureDataset(HIERARCHY_DATASET),
  async run(ctx) {
    const pool = ctx.database.pool;
    const asOf = todayInVietnam();
    return ctx.measure(() => pool.query(NAIVE_ADOPTION, [asOf]), {
      unit: 'queries',
      warmupOps: 5,
      concurrency: ctx.database.kind === 'server' ? 4 : 1,
    });
  },
});
