import os from 'node:os';

export type Machine = {
  cores: number;
  memoryGiB: number;
  cpu: string;
  os: string;
  node: string;
  database: string;
  /** 1-minute load average when the run started and when it ended: other work on the machine skews every figure. */
  loadAverage: { start: number; end: number };
};

export function describeMachine(database: string, loadAtStart: number): Machine {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    database,
    loadAverage: { start: loadAtStart, end: os.loadavg()[0]! },
  };
}
