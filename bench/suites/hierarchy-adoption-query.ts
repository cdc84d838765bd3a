import { adoptionFigures } from '../../src/modules/units/adoption.ts';
import { unitsDb } from '../../src/modules/units/index.ts';
import { CENTRAL_VIEWER, HIERARCHY_DATASET } from '../lib/hierarchy.ts';
import { defineBenchmark } from '../lib/types.ts';

/** The module's national adoption table computed in-process, to set against the naive GROUP BY. */
export default defineBenchmark({
  name: 'hierarchy-adoption-query',
  description:
    'adoptionFigures of the units module in-process for a Central viewer (villages per commune, communes per ' +
    'province within the viewer’s ltree scope, formatted); server: 4 in flight over the pool, PGlite: 1',
  baseline: 'hierarchy-adoption-naive',
  setup: (ctx) => ctx.ensureDataset(HIERARCHY_DATASET),
  async run(ctx) {
    const db = unitsDb(ctx.database.db);
    return ctx.measure(() => adoptionFigures(db, CENTRAL_VIEWER, 'vi'), {
      unit: 'queries',
      warmupOps: 5,
      concurrency: ctx.database.kind === 'server' ? 4 : 1,
    });
  },
});
