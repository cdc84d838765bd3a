import { PLAIN_TABLE_DDL, plainRows } from '../generate/plain-rows.ts';
import { defineDataset } from '../lib/datasets.ts';
import { loadGenerated } from '../lib/generate.ts';

/** bench_plain filled with the scale's plainRows rows (ids 1…N), for the primary-key read ceiling. */
export default defineDataset({
  name: 'plain-rows',
  description: 'bench_plain (id bigint primary key, name text, n int) with ids 1…N',
  async build(ctx) {
    await ctx.database.pool.query(PLAIN_TABLE_DDL);
    const report = await loadGenerated(
      ctx.database,
      plainRows,
      { random: ctx.random('plain-rows'), rows: ctx.scale.plainRows, batchRows: 50_000 },
      ctx.log,
    );
    await ctx.database.pool.query('ANALYZE bench_plain');
    return { rows: report.rows };
  },
});
