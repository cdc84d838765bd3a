import { plainRows } from '../generate/plain-rows.ts';
import { defineBenchmark } from '../lib/types.ts';

/** Bulk write ceiling: COPY … FROM STDIN in text format, one batch per statement. */
export default defineBenchmark({
  name: 'pg-copy',
  description:
    'COPY … FROM STDIN (text format) of one batch per statement, rows encoded in the timed op; ' +
    'server: CopyData over the wire, PGlite: the same COPY fed from a Blob (/dev/blob)',
  baseline: 'pg-insert-row',
  async setup(ctx) {
    await ctx.database.pool.query(
      'CREATE TABLE bench_write_copy (id bigint PRIMARY KEY, name text NOT NULL, n integer NOT NULL)',
    );
  },
  async run(ctx) {
    const random = ctx.random();
    const batch = ctx.scale.batchRows;
    let firstId = 1;
    return ctx.measure(
      () => {
        const batches = plainRows.batches({ random, rows: batch, batchRows: batch, firstId });
        firstId += batch;
        const chunks = [...batches].map((b) => b.chunk);
        return ctx.database.copyFrom('COPY bench_write_copy (id, name, n) FROM STDIN', chunks);
      },
      { unit: 'rows', unitsPerOp: batch, warmupOps: 3, notes: { batchRows: batch } },
    );
  },
});
