import type { Scale } from './scale.ts';
import { type Measurement, Samples, summarise } from './stats.ts';

export type MeasureOptions = {
  /** Untimed operations first; defaults to the scale's warmupOps (lower it for heavy batches). */
  warmupOps?: number;
  /** Operations in flight at once (each worker awaits its own operation). Default 1. */
  concurrency?: number;
  /** Units each operation accounts for in the throughput, e.g. rows per batch. Default 1. */
  unitsPerOp?: number;
  unit?: string;
  notes?: Record<string, string | number>;
  /** At most this many timed operations, for operations that use up their inputs (each village reports once). */
  maxOps?: number;
};

/**
 * Library-level timing in this process with process.hrtime.bigint(). The operation receives its index
 * (warm-up operations get negative indexes). Warm-up is not counted. Runs until the scale's minOps and
 * minSeconds are both reached, or maxSeconds has passed.
 */
export async function measure(
  scale: Scale,
  op: (i: number) => Promise<unknown>,
  opts: MeasureOptions = {},
): Promise<Measurement> {
  const concurrency = Math.max(1, opts.concurrency ?? 1);
  const warmupOps = opts.warmupOps ?? scale.warmupOps;
  for (let i = 0; i < warmupOps; i++) await op(-1 - i);

  const samples = new Samples();
  const start = process.hrtime.bigint();
  const minNs = BigInt(Math.round(scale.minSeconds * 1e9));
  const maxNs = BigInt(Math.round(scale.maxSeconds * 1e9));
  let next = 0;
  const keepGoing = () => {
    const elapsed = process.hrtime.bigint() - start;
    if (elapsed >= maxNs || (opts.maxOps !== undefined && next >= opts.maxOps)) return false;
    return next < scale.minOps || elapsed < minNs;
  };
  const worker = async () => {
    while (keepGoing()) {
      const i = next++;
      const t0 = process.hrtime.bigint();
      await op(i);
      samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const durationSec = Number(process.hrtime.bigint() - start) / 1e9;
  return summarise(samples.values(), durationSec, {
    unitsPerOp: opts.unitsPerOp,
    unit: opts.unit,
    notes: { concurrency, ...opts.notes },
  });
}
