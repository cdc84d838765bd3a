import { summarise } from '../lib/stats.ts';
import { defineBenchmark } from '../lib/types.ts';

/** The whole corpus through `npm run library:import`'s code: this run's library-corpus build (one operation). */
export default defineBenchmark({
  name: 'library-import',
  description:
    'importLibrary on an empty library: 208 laws / 17,920 articles (one transaction per document) and 2,642 procedures ' +
    '(batches of 100), then reference extraction, statuses and ANALYZE; timed once as the library-corpus ' +
    'dataset build of this run; throughput counts articles, procedures and relations written',
  budget: { p95Ms: 120_000 },
  async run(ctx) {
    const report = await ctx.ensureDataset('library-corpus');
    const step = report.steps.import;
    if (!step) throw new Error('library-corpus reported no import step');
    return summarise(Float64Array.of(step.seconds * 1000), step.seconds, {
      unit: 'rows',
      unitsPerOp: step.rows,
      notes: { ...step.facts },
    });
  },
});
