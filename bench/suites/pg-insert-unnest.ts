import { defineBenchmark } from '../lib/types.ts';

/**
 * Batched write the way application code can do it through Kysely/pg: one multi-row
 * INSERT … SELECT FROM unnest($1::bigint[], $2::text[], $3::int[]) per batch.
 */
export default defineBenchmark({
  name: 'pg-insert-unnest',
  description:
    'INSERT … SELECT FROM unnest(arrays) of one batch of rows per statement (arrays built in the timed op), one connection',
  baseline: 'pg-insert-row',
  async setup(ctx) {
    await ctx.database.pool.query(
      'CREATE TABLE bench_write_unnest (id bigint PRIMARY KEY, name text NOT NULL, n integer NOT NULL)',
    );
  },
  async run(ctx) {
    const random = ctx.random();
    const pool = ctx.database.pool;
    const batch = ctx.scale.batchRows;
    let next = 1;
    return ctx.measure(
      () => {
        const ids: number[] = new Array(batch);
        const names: string[] = new Array(batch);
        const ns: number[] = new Array(batch);
        for (let i = 0; i < batch; i++) {
          ids[i] = next;
          names[i] = `Mặt trận ${next}`;
          ns[i] = random.int(0, 1_000_000);
          next++;
        }
        return pool.query(
          'INSERT INTO bench_write_unnest (id, name, n) SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[])',
          [ids, names, ns],
        );
      },
      { unit: 'rows', unitsPerOp: batch, warmupOps: 3, notes: { batchRows: batch } },
    );
  },
});
