/** Failures in a row that lock an account. */
export const LOCK_AFTER_FAILURES = 5;
/** The first lock lasts a minute; each further lock doubles it, up to a day. A successful login resets both. */
export function lockDurationMs(previousLockouts: number): number {
  return Math.min(60_000 * 2 ** previousLockouts, 24 * 60 * 60 * 1000);
}
