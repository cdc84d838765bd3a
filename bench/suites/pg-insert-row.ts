import { defineBenchmark } from '../lib/types.ts';

/** Single-row write ceiling: one parameterised INSERT per operation, autocommit, one connection. */
export default defineBenchmark({
  name: 'pg-insert-row',
  description: 'INSERT of one row (bigint key, text, int) per statement, autocommit, one connection, sequential',
  async setup(ctx) {
    await ctx.database.pool.query(
      'CREATE TABLE bench_write_row (id bigint PRIMARY KEY, name text NOT NULL, n integer NOT NULL)',
    );
  },
  async run(ctx) {
    const random = ctx.random();
    const pool = ctx.database.pool;
    let id = 0;
    return ctx.measure(
      () => {
        id++;
        return pool.query('INSERT INTO bench_write_row (id, name, n) VALUES ($1, $2, $3)', [
          id,
          `Mặt trận ${id}`,
          random.int(0, 1_000_000),
        ]);
      },
      { unit: 'rows' },
    );
  },
});
