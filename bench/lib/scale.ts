export type ScaleName = 'small' | 'national';

/** How long and how hard each figure is measured. Small is the CI smoke; national is the real thing. */
export type Scale = {
  name: ScaleName;
  /** In-process figures: untimed operations first. */
  warmupOps: number;
  /** In-process figures: keep going until at least this many operations… */
  minOps: number;
  /** …and at least this long… */
  minSeconds: number;
  /** …but stop here even if minOps was not reached. */
  maxSeconds: number;
  /** HTTP figures: untimed load first, then the timed load, both from a separate autocannon process. */
  httpWarmupSeconds: number;
  httpSeconds: number;
  httpConnections: number;
  /** Rows in the plain table that the read ceiling looks up. */
  plainRows: number;
  /** Rows per batch for batched write figures. */
  batchRows: number;
  /** Budgets are only judged at this scale. */
  checkBudgets: boolean;
};

export const SCALES: Record<ScaleName, Scale> = {
  small: {
    name: 'small',
    warmupOps: 20,
    minOps: 200,
    minSeconds: 0.3,
    maxSeconds: 3,
    httpWarmupSeconds: 1,
    httpSeconds: 1,
    httpConnections: 10,
    plainRows: 20_000,
    batchRows: 1_000,
    checkBudgets: false,
  },
  national: {
    name: 'national',
    warmupOps: 500,
    minOps: 1_000,
    minSeconds: 10,
    maxSeconds: 30,
    httpWarmupSeconds: 5,
    httpSeconds: 30,
    httpConnections: 10,
    plainRows: 1_000_000,
    batchRows: 10_000,
    checkBudgets: true,
  },
};
