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
  /** Writes the data; returns how many rows it wrote (for the log). */
  build(ctx: BenchContext): Promise<{ rows: number }>;
};

export class DatasetUnavailableError extends Error {}

export function defineDataset(builder: DatasetBuilder): DatasetBuilder {
  return builder;
}

const DATASETS_DIR = path.resolve(import.meta.dirname, '../datasets');

/** Builds each requested dataset at most once per run, through its registered builder. */
export function createDatasetRegistry() {
  const built = new Map<string, Promise<void>>();
  return {
    ensure(name: string, ctx: BenchContext): Promise<void> {
      let done = built.get(name);
      if (!done) {
        done = build(name, ctx);
        built.set(name, done);
      }
      return done;
    },
  };
}

async function build(name: string, ctx: BenchContext): Promise<void> {
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
  const { rows } = await mod.default.build(ctx);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  ctx.log(`dataset ${name}: ${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s`);
}
