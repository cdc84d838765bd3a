import { synthesis } from '../../src/modules/reports/synthesis.ts';
import { benchWeeks } from '../datasets/reports-12-weeks.ts';
import { CENTRAL_VIEWER } from '../lib/hierarchy.ts';
import { defineBenchmark } from '../lib/types.ts';

/** The figure for Central: the synthesis of the whole country for any week, p95 under 50 ms. */
export default defineBenchmark({
  name: 'reports-dashboard',
  description:
    'In-process synthesis() of Central (totals, 34 provinces with their completeness, missing list, narratives of the ' +
    'provinces) for a seeded-random week among 12, from the maintained roll-ups',
  baseline: 'reports-dashboard-naive',
  budget: { p95Ms: 50 },
  async setup(ctx) {
    await ctx.ensureDataset('reports-12-weeks');
  },
  async run(ctx) {
    const random = ctx.random('dashboard');
    const weeks = benchWeeks();
    return ctx.measure(() => synthesis(ctx.database.db, CENTRAL_VIEWER, 'VN', random.pick(weeks)), {
      unit: 'dashboards',
      warmupOps: 5,
    });
  },
});
