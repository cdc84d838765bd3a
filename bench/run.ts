/**
 * The benchmark runner: `npm run bench -- --scale small|national --db pglite|server --only a,b`.
 * One fresh, migrated database per run; each benchmark's setup, run and teardown; one table;
 * results under bench/results (and bench/RESULTS.md at national scale). See bench/README.md.
 */
import { parseBenchArgs } from './lib/args.ts';
import { openBenchDatabase } from './lib/bench-database.ts';
import { createContext, createRunScope } from './lib/context.ts';
import { currentLoad, describeMachine, formatLoadAverage, sampleLoadAverage } from './lib/machine.ts';
import { loadBenchmarks, selectBenchmarks } from './lib/registry.ts';
import { writeReport } from './lib/results.ts';
import { SCALES } from './lib/scale.ts';
import { textTable } from './lib/table.ts';
import type { Benchmark } from './lib/types.ts';
import { addRatios, type BenchResult, judge } from './lib/verdict.ts';

const log = (message: string) => console.error(`[bench] ${message}`);

const args = parseBenchArgs(process.argv.slice(2));
const scale = SCALES[args.scale];
const selected = selectBenchmarks(await loadBenchmarks(), args.only);
const started = process.hrtime.bigint();
const load = sampleLoadAverage();
log(
  `scale ${scale.name}, db ${args.db}, load average ${load.start.toFixed(1)}: ${selected.map((b) => b.name).join(', ')}`,
);

const database = await openBenchDatabase(args.db);
const closeOnSignal = () => {
  log('interrupted: dropping the bench database');
  void database.close().finally(() => process.exit(130));
};
process.once('SIGINT', closeOnSignal);
process.once('SIGTERM', closeOnSignal);

const runScope = createRunScope();
const results: BenchResult[] = [];
try {
  for (const benchmark of selected) results.push(await runOne(benchmark));
} finally {
  await runScope.close();
  await database.close();
}
addRatios(results);

const machine = describeMachine(database.engine, load.stop());
const totalSeconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(`\n${textTable(results)}\n`);
const written = writeReport({ date: new Date().toISOString(), scale, db: args.db, machine, totalSeconds, results });
log(`wrote ${written.join(', ')} (${totalSeconds.toFixed(0)} s)`);
log(`load average (1 min, ${machine.cores} cores): ${formatLoadAverage(machine.loadAverage)}`);

const errors = results.filter((r) => r.status === 'error');
const overBudget = results.filter((r) => r.verdict === 'fail');
for (const r of errors) log(`ERROR ${r.name}: ${r.error?.split('\n').slice(0, 12).join('\n')}`);
for (const r of overBudget) log(`over budget ${r.name}: ${r.budgetFailures.join('; ')}`);
// A smoke run fails only when a benchmark could not run; a national run also fails on a missed budget.
// Exit explicitly: a benchmark that failed half-way may leave a timer or socket behind, which must not keep the
// run (and CI) waiting forever.
process.exit(errors.length || overBudget.length ? 1 : 0);

async function runOne(benchmark: Benchmark): Promise<BenchResult> {
  const ctx = createContext({ benchmark: benchmark.name, scale, database, run: runScope, log });
  const t0 = Date.now();
  log(`${benchmark.name}…`);
  try {
    const state = await benchmark.setup?.(ctx);
    const measurement = await benchmark.run(ctx, state);
    await benchmark.teardown?.(ctx, state);
    log(
      `${benchmark.name}: ${measurement.operations} ops in ${((Date.now() - t0) / 1000).toFixed(1)} s, load ${currentLoad().toFixed(1)}`,
    );
    return judge(benchmark, { measurement }, scale.checkBudgets);
  } catch (err) {
    return judge(benchmark, { error: (err as Error).stack ?? String(err) }, scale.checkBudgets);
  } finally {
    await ctx.cleanup();
  }
}
