import { generateDemoVillages, loadReferenceUnits } from '../../src/modules/units/index.ts';
import { defineDataset } from '../lib/datasets.ts';
import { countHierarchyRows } from '../lib/hierarchy-sql.ts';

/** The seed of `npm run seed:demo`: the benchmarks read the same villages as a demo installation. */
const DEMO_SEED = 2025;

/**
 * The administrative tree through the units module, the code behind `npm run seed:demo`: the reference units
 * (a no-op when the app already loaded them into a shared server database), then the demo villages with their
 * organisations — every commune at national scale, the generator's own small sample otherwise. The generator
 * is timed as the step `generate` (hierarchy-generate reports it). ANALYZE afterwards, untimed.
 */
export default defineDataset({
  name: 'hierarchy-national',
  description: 'Reference units and demo villages with all their organisations (units module, seed 2025)',
  async build(ctx) {
    const { db, pool } = ctx.database;
    await loadReferenceUnits(db);
    const before = await countHierarchyRows(pool);
    let logged = 0;
    const result = await generateDemoVillages(db, {
      scale: ctx.scale.name,
      seed: DEMO_SEED,
      onProgress: (p) => {
        if (p.ms - logged < 10_000) return;
        logged = p.ms;
        ctx.log(
          `  generateDemoVillages: ${p.communes} communes, ${p.villages} villages, ${(p.ms / 1000).toFixed(0)} s`,
        );
      },
    });
    const after = await countHierarchyRows(pool);
    await pool.query('ANALYZE unit, unit_version, organisation');
    return {
      rows: after.total,
      steps: {
        generate: {
          rows: after.total - before.total,
          seconds: result.ms / 1000,
          facts: {
            communes: result.communes,
            villages: result.villages,
            'organisation rows in total': after.organisation,
            'unit_version rows in total': after.unitVersion,
          },
        },
      },
    };
  },
});
