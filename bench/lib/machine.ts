import os from 'node:os';

export type Machine = {
  cores: number;
  memoryGiB: number;
  cpu: string;
  os: string;
  node: string;
  database: string;
  /**
   * 1-minute load average when the run started and ended, and its mean and maximum sampled during the run:
   * other work on the machine skews every figure.
   */
  loadAverage: { start: number; end: number; mean?: number; max?: number };
};

/** Samples the 1-minute load average every few seconds until stop(); returns start, end, mean and max. */
export function sampleLoadAverage(everyMs = 5_000) {
  const start = os.loadavg()[0]!;
  const samples = [start];
  const timer = setInterval(() => samples.push(os.loadavg()[0]!), everyMs);
  timer.unref();
  return {
    start,
    stop(): Machine['loadAverage'] {
      clearInterval(timer);
      const end = os.loadavg()[0]!;
      samples.push(end);
      const mean = samples.reduce((s, x) => s + x, 0) / samples.length;
      return { start, end, mean, max: Math.max(...samples) };
    },
  };
}

export function describeMachine(database: string, loadAverage: Machine['loadAverage']): Machine {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    database,
    loadAverage,
  };
}

/** "4.1 at start, 5.3 at end, mean 4.8, max 7.2 (1 min, sampled every 5 s)". */
export function formatLoadAverage(l: Machine['loadAverage']): string {
  const during =
    l.mean !== undefined && l.max !== undefined ? `, mean ${l.mean.toFixed(1)}, max ${l.max.toFixed(1)}` : '';
  return `${l.start.toFixed(1)} at start, ${l.end.toFixed(1)} at end${during}`;
}

/** The 1-minute load average now, for the per-benchmark log line. */
export function currentLoad(): number {
  return os.loadavg()[0]!;
}
