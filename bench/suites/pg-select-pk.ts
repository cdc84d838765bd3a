import { defineBenchmark } from '../lib/types.ts';

/** Read ceiling: one primary-key lookup per operation on a table of the scale's plainRows rows. */
export default defineBenchmark({
  name: 'pg-select-pk',
  description:
    'SELECT one row by primary key (uniformly random ids, seeded) from bench_plain; ' +
    'server: 4 lookups in flight over the pool, PGlite: 1 (it has one connection)',
  setup: (ctx) => ctx.ensureDataset('plain-rows'),
  async run(ctx) {
    const random = ctx.random();
    const pool = ctx.database.pool;
    const rows = ctx.scale.plainRows;
    return ctx.measure(
      async () => {
        const { rowCount } = await pool.query('SELECT id, name, n FROM bench_plain WHERE id = $1', [
          random.int(1, rows),
        ]);
        if (rowCount !== 1) throw new Error('primary-key lookup found no row');
      },
      {
        unit: 'queries',
        concurrency: ctx.database.kind === 'server' ? 4 : 1,
        notes: { tableRows: rows },
      },
    );
  },
});
