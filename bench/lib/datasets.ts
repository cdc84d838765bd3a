import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { BenchContext } from './types.ts';

/**
 * A dataset builder fills this run's database with data that benchmarks read (e.g. the national unit
 * tree). One module per dataset in bench/datasets/<name>.ts, default-exporting a DatasetBuilder.
 */
export type DatasetBuilder = {
  name: string;
  description: string;
  /** Writes the data; returns how many rows it wrote (for the log) and, optionally, timed steps. */
  build(ctx: BenchContext): Promise<{ rows: number; steps?: Record<string, DatasetStep> }>;
};

/** One timed part of a build that a benchmark may report (e.g. the generator behind a dataset). */
export type DatasetStep = { rows: number; seconds: number; facts?: Record<string, string | number> };

/** What `ctx.ensureDataset(name)` resolves to: the build's own report, the same for every caller of a run. */
export type DatasetReport = { rows: number; seconds: number; steps: Record<string, DatasetStep> };

export class DatasetUnavailableError extends Error {}

export function defineDataset(builder: DatasetBuilder): DatasetBuilder {
  return builder;
}

const DATASETS_DIR = path.resolve(import.meta.dirname, '../datasets');

/**
 * Builds each requested dataset at most once per run, through its registered builder.
 * `onBuilt` runs after each build (the run scope uses it: on PGlite the app's copy of the data is then stale).
 */
export function createDatasetRegistry(onBuilt: () => Promise<void> = async () => {}) {
  const built = new Map<string, Promise<DatasetReport>>();
  return {
    ensure(name: string, ctx: BenchContext): Promise<DatasetReport> {
      let done = built.get(name);
      if (!done) {
        done = build(name, ctx).then(async (report) => {
          await onBuilt();
          return report;
        });
        built.set(name, done);
      }
      return done;
    },
  };
}

async function build(name: string, ctx: BenchContext): Promise<DatasetReport> {
  if (process.env.BENCH_REUSE_DATABASE) {
    ctx.log(`dataset ${name}: reused from ${process.env.BENCH_REUSE_DATABASE} (not built, no build figures)`);
    return { rows: 0, seconds: 0, steps: {} };
  }
  const file = `${name}.ts`;
  if (!readdirSync(DATASETS_DIR).includes(file)) {
    throw new DatasetUnavailableError(
      `No builder for dataset "${name}": add bench/datasets/${file} (see bench/README.md). ` +
        'The national unit tree comes from the units module (npm run seed:demo) once it exists.',
    );
  }
  const mod = (await import(path.join(DATASETS_DIR, file))) as { default?: DatasetBuilder };
  if (!mod.default || mod.default.name !== name) {
    throw new Error(`bench/datasets/${file} must default-export defineDataset({ name: '${name}', … })`);
  }
  const t0 = process.hrtime.bigint();
  const { rows, steps = {} } = await mod.default.build(ctx);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  ctx.log(`dataset ${name}: ${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s`);
  return { rows, seconds, steps };
}
