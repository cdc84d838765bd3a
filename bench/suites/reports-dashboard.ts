import { sql } from 'kysely';
import type { Principal } from '../../src/core/auth/principal.ts';
import { synthesis } from '../../src/modules/reports/synthesis.ts';
import { benchWeeks } from '../datasets/reports-12-weeks.ts';
import { CENTRAL_VIEWER } from '../lib/hierarchy.ts';
import { defineBenchmark } from '../lib/types.ts';

type State = { communes: { code: string; path: string }[] };

/** The synthesis (totals, breakdown by child, completeness, missing list, narratives) of Central and of communes. */
export default defineBenchmark<State>({
  name: 'reports-dashboard',
  description:
    'In-process synthesis() of a unit for a week from the maintained roll-ups: alternately Central (34 children) and a ' +
    'seeded-random commune, seeded-random week among 12; includes the narratives of the children',
  baseline: 'reports-dashboard-naive',
  budget: { p95Ms: 50 },
  async setup(ctx) {
    await ctx.ensureDataset('reports-12-weeks');
    const { rows } = await sql<{ code: string; path: string }>`SELECT code, path::text AS path FROM unit_version
      WHERE level = 'commune' AND valid_to IS NULL ORDER BY code`.execute(ctx.database.db);
    return { communes: rows };
  },
  async run(ctx, s) {
    const random = ctx.random('dashboard');
    const weeks = benchWeeks();
    return ctx.measure(
      async (i) => {
        const week = random.pick(weeks);
        if (i % 2 === 0) return synthesis(ctx.database.db, CENTRAL_VIEWER, 'VN', week);
        const c = random.pick(s.communes);
        const p: Principal = { ...CENTRAL_VIEWER, unitCode: c.code, unitPath: c.path, unitLevel: 'commune' };
        return synthesis(ctx.database.db, p, c.code, week);
      },
      { unit: 'dashboards', warmupOps: 5 },
    );
  },
});
