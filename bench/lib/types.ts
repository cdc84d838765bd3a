import type { BenchDatabase } from './bench-database.ts';
import type { ChildServer } from './child-server.ts';
import type { DatasetReport } from './datasets.ts';
import type { HttpLoadOptions } from './http-load.ts';
import type { MeasureOptions } from './measure.ts';
import type { Random } from './random.ts';
import type { Scale } from './scale.ts';
import type { Measurement } from './stats.ts';

/** Limits judged at national scale only. Every limit given must hold for a pass. */
/** minP50Ms: a floor, for a deliberate cost that must not be too cheap (the password hash). */
export type Budget = { p95Ms?: number; p99Ms?: number; minP50Ms?: number; minOpsPerSec?: number };

/** What a benchmark gets: the run's database and scale, and the measuring tools. */
export type BenchContext = {
  scale: Scale;
  database: BenchDatabase;
  /** A seeded generator of the benchmark's own: same label, same numbers, every run. */
  random(label?: string): Random;
  /** In-process timing, for library-level figures (database calls, services). */
  measure(op: (i: number) => Promise<unknown>, opts?: MeasureOptions): Promise<Measurement>;
  /** HTTP load from a separate autocannon process (one URL, or `paths` cycled against its origin). */
  httpLoad(url: string, opts?: HttpLoadOptions): Promise<Measurement>;
  /** Starts `node <script>` in a child process; stopped by the runner after the benchmark. */
  startServer(opts: {
    script: string;
    env?: Record<string, string>;
    readyPath?: string;
    cwd?: string;
  }): Promise<ChildServer>;
  /**
   * The real platform (`node src/main.ts`) on this run's database: shared by the benchmarks, stopped at the end;
   * restarted when asked with other `env`, and on PGlite when a dataset was built since it started.
   */
  startApp(env?: Record<string, string>): Promise<ChildServer>;
  /** Builds a named dataset once per run (see bench/datasets) before the benchmark uses it; resolves to its report. */
  ensureDataset(name: string): Promise<DatasetReport>;
  log(message: string): void;
};

export type Benchmark<S = unknown> = {
  /** Same as the file name, kebab-case: `<area>-<what>`, e.g. `hierarchy-subtree`. */
  name: string;
  /** One sentence: what exactly is timed, and how (shown in RESULTS.md). */
  description: string;
  /** Another benchmark's name; the table shows this one's throughput as a ratio of that one's. */
  baseline?: string;
  budget?: Budget;
  /** Untimed preparation; its result is handed to run() and teardown(). */
  setup?(ctx: BenchContext): Promise<S>;
  run(ctx: BenchContext, state: S): Promise<Measurement>;
  teardown?(ctx: BenchContext, state: S): Promise<void>;
};

/** Identity helper that lets TypeScript infer the state type shared by setup, run and teardown. */
export function defineBenchmark<S = undefined>(benchmark: Benchmark<S>): Benchmark<S> {
  return benchmark;
}
