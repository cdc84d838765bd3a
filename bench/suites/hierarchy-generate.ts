import { HIERARCHY_DATASET } from '../lib/hierarchy.ts';
import { summarise } from '../lib/stats.ts';
import { defineBenchmark } from '../lib/types.ts';

/** Seeding the tree: the generator's own timing from this run's hierarchy-national build (one operation). */
export default defineBenchmark({
  name: 'hierarchy-generate',
  description:
    'generateDemoVillages (seed 2025) after the reference units: villages, their versions and organisations ' +
    '(units module, set-based batches of 400 communes, one transaction each), timed once as the hierarchy-national ' +
    'dataset build of this run; throughput counts the unit, unit_version and organisation rows it wrote',
  budget: { p95Ms: 90_000 },
  async run(ctx) {
    const report = await ctx.ensureDataset(HIERARCHY_DATASET);
    const step = report.steps.generate;
    if (!step) throw new Error(`${HIERARCHY_DATASET} reported no generate step`);
    return summarise(Float64Array.of(step.seconds * 1000), step.seconds, {
      unit: 'rows',
      unitsPerOp: step.rows,
      notes: { rows: step.rows, ...step.facts },
    });
  },
});
