import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Benchmark } from './types.ts';

const SUITES_DIR = path.resolve(import.meta.dirname, '../suites');

/** Every bench/suites/<name>.ts, default-exporting a Benchmark whose name is the file name. */
export async function loadBenchmarks(): Promise<Benchmark[]> {
  const files = readdirSync(SUITES_DIR)
    .filter((f) => f.endsWith('.ts'))
    .sort();
  const benchmarks: Benchmark[] = [];
  for (const file of files) {
    const mod = (await import(path.join(SUITES_DIR, file))) as { default?: Benchmark };
    const b = mod.default;
    const expected = file.replace(/\.ts$/, '');
    if (!b || typeof b.run !== 'function' || b.name !== expected) {
      throw new Error(`bench/suites/${file} must default-export defineBenchmark({ name: '${expected}', … })`);
    }
    benchmarks.push(b);
  }
  for (const b of benchmarks) {
    if (b.baseline && !benchmarks.some((o) => o.name === b.baseline)) {
      throw new Error(`${b.name}: unknown baseline "${b.baseline}"`);
    }
  }
  return benchmarks;
}

/**
 * The benchmarks to run: all, or the `only` ones plus their baselines (a ratio needs its baseline
 * measured in the same run), ordered so that each baseline runs before the benchmarks that use it.
 */
export function selectBenchmarks(all: Benchmark[], only: string[] | undefined): Benchmark[] {
  const byName = new Map(all.map((b) => [b.name, b]));
  const unknown = (only ?? []).filter((n) => !byName.has(n));
  if (unknown.length) {
    throw new Error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${all.map((b) => b.name).join(', ')}`);
  }
  const wanted = new Set<string>();
  const add = (name: string) => {
    if (wanted.has(name)) return;
    wanted.add(name);
    const baseline = byName.get(name)?.baseline;
    if (baseline) add(baseline);
  };
  for (const name of only ?? all.map((b) => b.name)) add(name);

  const ordered: Benchmark[] = [];
  const placed = new Set<string>();
  const place = (b: Benchmark, chain: string[]) => {
    if (placed.has(b.name)) return;
    if (chain.includes(b.name)) throw new Error(`Baseline cycle: ${[...chain, b.name].join(' → ')}`);
    if (b.baseline) place(byName.get(b.baseline)!, [...chain, b.name]);
    placed.add(b.name);
    ordered.push(b);
  };
  for (const b of all) if (wanted.has(b.name)) place(b, []);
  return ordered;
}
