/** What every benchmark reports: latency percentiles of its operations and its throughput. */
export type Measurement = {
  operations: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Units per second (see `unit`), measured over the whole timed window. */
  throughput: number;
  /** What the throughput counts: requests, queries, rows… Defaults to "ops". */
  unit: string;
  durationSec: number;
  /** Free-form facts worth keeping (connections, batch size, errors…). */
  notes?: Record<string, string | number>;
};

/** Nearest-rank percentile of an ascending-sorted array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarise(
  latenciesMs: Float64Array,
  durationSec: number,
  opts: { unitsPerOp?: number; unit?: string; notes?: Record<string, string | number> } = {},
): Measurement {
  const sorted = Float64Array.from(latenciesMs).sort();
  const units = sorted.length * (opts.unitsPerOp ?? 1);
  return {
    operations: sorted.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    throughput: durationSec > 0 ? units / durationSec : 0,
    unit: opts.unit ?? 'ops',
    durationSec,
    ...(opts.notes ? { notes: opts.notes } : {}),
  };
}

/** A growable buffer of latencies that does not allocate per sample. */
export class Samples {
  #data = new Float64Array(4096);
  #length = 0;
  push(ms: number): void {
    if (this.#length === this.#data.length) {
      const bigger = new Float64Array(this.#data.length * 2);
      bigger.set(this.#data);
      this.#data = bigger;
    }
    this.#data[this.#length++] = ms;
  }
  get length(): number {
    return this.#length;
  }
  values(): Float64Array {
    return this.#data.subarray(0, this.#length);
  }
}
