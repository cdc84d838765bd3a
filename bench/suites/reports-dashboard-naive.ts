import { naiveTotals } from '../../src/modules/reports/synthesis.ts';
import { benchWeeks } from '../datasets/reports-12-weeks.ts';
import { defineBenchmark } from '../lib/types.ts';

/**
 * Baseline: the national totals for a week by SUM … GROUP BY over the raw accepted reports — what a dashboard would
 * cost without the maintained roll-ups (its unit is the dashboard's, so the dashboards' ratio against it is printed).
 */
export default defineBenchmark({
  name: 'reports-dashboard-naive',
  description:
    'Naive national totals for a seeded-random week: SUM(value) GROUP BY org_type, indicator over raw reports joined to the tree',
  async setup(ctx) {
    await ctx.ensureDataset('reports-12-weeks');
  },
  async run(ctx) {
    const random = ctx.random('naive');
    const weeks = benchWeeks();
    return ctx.measure(() => naiveTotals(ctx.database.db, 'vn', random.pick(weeks)), {
      unit: 'dashboards',
      warmupOps: 1,
    });
  },
});
