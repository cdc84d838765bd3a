import { sql } from 'kysely';
import type { Principal } from '../../src/core/auth/principal.ts';
import { synthesis } from '../../src/modules/reports/synthesis.ts';
import { benchWeeks } from '../datasets/reports-12-weeks.ts';
import { CENTRAL_VIEWER } from '../lib/hierarchy.ts';
import { defineBenchmark } from '../lib/types.ts';

type State = { communes: { code: string; path: string }[] };

/** The figure for a commune: its synthesis for any week, p95 under 20 ms. */
export default defineBenchmark<State>({
  name: 'reports-dashboard-commune',
  description:
    'In-process synthesis() of a seeded-random commune as its Front viewer for a seeded-random week among 12: its ' +
    'roll-up rows, its villages read from their raw reports (no roll-up rows for villages), completeness, missing ' +
    'list, narratives',
  baseline: 'reports-dashboard-naive',
  budget: { p95Ms: 20 },
  async setup(ctx) {
    await ctx.ensureDataset('reports-12-weeks');
    const { rows } = await sql<{ code: string; path: string }>`SELECT code, path::text AS path FROM unit_version
      WHERE level = 'commune' AND valid_to IS NULL ORDER BY code`.execute(ctx.database.db);
    return { communes: rows };
  },
  async run(ctx, s) {
    const random = ctx.random('dashboard-commune');
    const weeks = benchWeeks();
    return ctx.measure(
      () => {
        const c = random.pick(s.communes);
        const p: Principal = { ...CENTRAL_VIEWER, unitCode: c.code, unitPath: c.path, unitLevel: 'commune' };
        return synthesis(ctx.database.db, p, c.code, random.pick(weeks));
      },
      { unit: 'dashboards', warmupOps: 5 },
    );
  },
});
