import type { Measurement } from './stats.ts';
import type { Benchmark, Budget } from './types.ts';

export type BenchResult = {
  name: string;
  description: string;
  baseline: string | undefined;
  budget: Budget | undefined;
  status: 'ok' | 'error';
  error?: string;
  measurement?: Measurement;
  /** This throughput ÷ the baseline's, when both ran and count the same unit. */
  ratio?: number;
  /** 'pass' | 'fail' at national scale with a budget; '—' otherwise. */
  verdict: 'pass' | 'fail' | '—';
  budgetFailures: string[];
};

export function judge(
  benchmark: Benchmark,
  outcome: { measurement: Measurement } | { error: string },
  checkBudgets: boolean,
): BenchResult {
  const base = {
    name: benchmark.name,
    description: benchmark.description,
    baseline: benchmark.baseline,
    budget: benchmark.budget,
  };
  if ('error' in outcome) return { ...base, status: 'error', error: outcome.error, verdict: '—', budgetFailures: [] };
  const m = outcome.measurement;
  const failures: string[] = [];
  const b = benchmark.budget;
  if (b?.p95Ms !== undefined && !(m.p95Ms <= b.p95Ms)) failures.push(`p95 ${m.p95Ms.toFixed(2)} > ${b.p95Ms} ms`);
  if (b?.p99Ms !== undefined && !(m.p99Ms <= b.p99Ms)) failures.push(`p99 ${m.p99Ms.toFixed(2)} > ${b.p99Ms} ms`);
  if (b?.minP50Ms !== undefined && !(m.p50Ms >= b.minP50Ms))
    failures.push(`p50 ${m.p50Ms.toFixed(2)} < ${b.minP50Ms} ms`);
  if (b?.minOpsPerSec !== undefined && !(m.throughput >= b.minOpsPerSec)) {
    failures.push(`${Math.round(m.throughput)} < ${b.minOpsPerSec} ${m.unit}/s`);
  }
  const judged = checkBudgets && b !== undefined && Object.keys(b).length > 0;
  return {
    ...base,
    status: 'ok',
    measurement: m,
    verdict: judged ? (failures.length ? 'fail' : 'pass') : '—',
    budgetFailures: judged ? failures : [],
  };
}

/** Fills in each result's ratio against its baseline (measured in the same run). */
export function addRatios(results: BenchResult[]): void {
  const byName = new Map(results.map((r) => [r.name, r]));
  for (const r of results) {
    const base = r.baseline ? byName.get(r.baseline)?.measurement : undefined;
    if (!r.measurement || !base || base.unit !== r.measurement.unit || base.throughput <= 0) continue;
    r.ratio = r.measurement.throughput / base.throughput;
  }
}
