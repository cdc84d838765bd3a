import type { BenchDatabase } from './bench-database.ts';
import type { Random } from './random.ts';

/**
 * A row generator (bench/generate/<name>.ts): yields COPY text-format chunks of many rows each,
 * deterministically from the Random it is given, never holding the whole dataset in memory.
 */
export type RowGenerator<O = Record<string, never>> = {
  name: string;
  /** `COPY <copyTarget> FROM STDIN`, e.g. `bench_plain (id, name, n)`. */
  copyTarget: string;
  batches(opts: { random: Random; rows: number; batchRows: number } & O): Iterable<RowBatch>;
};

export type RowBatch = { chunk: Buffer; rows: number };

export type GenerateReport = { rows: number; seconds: number; rowsPerSec: number };

/** Streams a generator into the database with COPY, one batch per statement, and reports its speed. */
export async function loadGenerated<O>(
  database: BenchDatabase,
  generator: RowGenerator<O>,
  opts: { random: Random; rows: number; batchRows: number } & O,
  log: (message: string) => void,
): Promise<GenerateReport> {
  const t0 = process.hrtime.bigint();
  let rows = 0;
  for (const batch of generator.batches(opts)) {
    rows += await database.copyFrom(`COPY ${generator.copyTarget} FROM STDIN`, [batch.chunk]);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const report = { rows, seconds, rowsPerSec: rows / seconds };
  log(
    `generate ${generator.name}: ${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s ` +
      `(${Math.round(report.rowsPerSec).toLocaleString('en')} rows/s)`,
  );
  return report;
}
