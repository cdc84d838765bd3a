import { createHash } from 'node:crypto';
import { CODE_ALPHABET, hashTrackingCode } from '../../src/modules/petitions/tracking-code.ts';

/**
 * Tracking codes of the generated past cases, derived from the row number so that a benchmark can look up
 * codes that exist without the dataset storing them (the database keeps only their hashes, like real ones).
 */
export function benchCode(i: number): string {
  const b = createHash('sha256').update(`pakn-bench:${i}`).digest();
  let s = '';
  for (let k = 0; k < 12; k++) s += CODE_ALPHABET[b[k]! & 31];
  return `PA-${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
}

export function benchCodeHash(i: number): Buffer {
  return hashTrackingCode(benchCode(i));
}

/** Rows generated at each scale: the 1,000,000 past cases nationally, a sample for the smoke. */
export const PETITION_ROWS = { national: 1_000_000, small: 20_000 } as const;
