import { sql } from 'kysely';
import type { Principal } from '../../src/core/auth/principal.ts';
import { synthesisDocx } from '../../src/modules/reports/export-docx.ts';
import { synthesisXlsx } from '../../src/modules/reports/export-xlsx.ts';
import { rangeSynthesis } from '../../src/modules/reports/synthesis-range.ts';
import { CENTRAL_VIEWER } from '../lib/hierarchy.ts';
import { defineBenchmark } from '../lib/types.ts';
import { benchWeeks } from './reports-12-weeks.ts';

type State = { provinces: { code: string; path: string }[] };

/**
 * The export path of GET /api/reports/export/:province/synthesis.docx|xlsx?week=, in process: the week's synthesis
 * (totals, breakdown by commune, completeness, missing list, grouped narratives) and the document built from it,
 * signed in as the province's Front viewer, for a seeded-random province and week among the 12.
 */
export function exportBenchmark(kind: 'docx' | 'xlsx') {
  return defineBenchmark<State>({
    name: `reports-export-${kind}`,
    description:
      `In-process rangeSynthesis() + synthesis${kind === 'docx' ? 'Docx' : 'Xlsx'}() (the route's whole work) of a ` +
      'seeded-random province for one seeded-random week among 12, as its Front viewer, one at a time',
    budget: { p95Ms: 2000 },
    async setup(ctx) {
      await ctx.ensureDataset('reports-12-weeks');
      const { rows } = await sql<{ code: string; path: string }>`SELECT code, path::text AS path FROM unit_version
        WHERE level = 'province' AND valid_to IS NULL ORDER BY code`.execute(ctx.database.db);
      return { provinces: rows };
    },
    async run(ctx, s) {
      const random = ctx.random(kind);
      const weeks = benchWeeks();
      return ctx.measure(
        async () => {
          const prov = random.pick(s.provinces);
          const week = random.pick(weeks);
          const p: Principal = { ...CENTRAL_VIEWER, unitCode: prov.code, unitPath: prov.path, unitLevel: 'province' };
          const range = await rangeSynthesis(ctx.database.db, p, prov.code, week, week);
          const file = kind === 'docx' ? await synthesisDocx(range) : await synthesisXlsx(range);
          if (file.length < 1000) throw new Error(`reports-export-${kind}: a ${file.length}-byte file`);
        },
        { unit: 'files', warmupOps: 2 },
      );
    },
  });
}
