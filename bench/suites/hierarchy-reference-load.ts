import { loadReferenceUnits } from '../../src/modules/units/index.ts';
import { countHierarchyRows } from '../lib/hierarchy-sql.ts';
import { Samples, summarise } from '../lib/stats.ts';
import { defineBenchmark } from '../lib/types.ts';

/** First start: the reference units and their organisations into an empty database, once per fresh database. */
export default defineBenchmark({
  name: 'hierarchy-reference-load',
  description:
    'loadReferenceUnits (Central, 34 provinces, 3,321 communes, their organisations, then the dated changes) into ' +
    'a freshly migrated empty database of the same engine, as the app does on first start; one load per new ' +
    'database (creation and migration untimed; PGlite: unpacked from a copy of the run’s database taken right ' +
    'after migrating); throughput counts the rows written',
  budget: { p95Ms: 5_000 },
  async run(ctx) {
    const loads = ctx.scale.name === 'national' ? 3 : 1;
    const samples = new Samples();
    let seconds = 0;
    let rows = 0;
    let changes = 0;
    for (let i = 0; i < loads; i++) {
      const scratch = await ctx.database.openEmpty();
      try {
        const t0 = process.hrtime.bigint();
        const result = await loadReferenceUnits(scratch.db);
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (!result.loaded) throw new Error('loadReferenceUnits found the data already loaded');
        samples.push(ms);
        seconds += ms / 1000;
        changes = result.changes;
        rows = (await countHierarchyRows(scratch.pool)).total;
      } finally {
        await scratch.close();
      }
    }
    return summarise(samples.values(), seconds, {
      unit: 'rows',
      unitsPerOp: rows,
      notes: { databases: loads, 'rows per load': rows, 'dated changes': changes },
    });
  },
});
