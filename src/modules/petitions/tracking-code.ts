import { createHash, randomBytes } from 'node:crypto';

/**
 * 32 letters and digits that cannot be confused when read aloud or typed from a phone screen: no 0/O, 1/I.
 * 32 symbols = 5 bits each; 12 symbols = 60 bits from the operating system's CSPRNG.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_SYMBOLS = 12;
export const CODE_BITS = CODE_SYMBOLS * 5;

/** A new tracking code `PA-XXXX-XXXX-XXXX`. 256 is a multiple of 32, so `byte & 31` carries no bias. */
export function newTrackingCode(): string {
  const bytes = randomBytes(CODE_SYMBOLS);
  let s = '';
  for (let i = 0; i < CODE_SYMBOLS; i++) s += CODE_ALPHABET[bytes[i]! & 31];
  return `PA-${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
}

/**
 * What people type back: any case, with or without the prefix, dashes or spaces; O read as 0 is not in the
 * alphabet, so it is not guessed at. Null when it cannot be a code (nothing is looked up then).
 */
export function normaliseTrackingCode(input: string): string | null {
  let s = input.toUpperCase().replace(/[\s\-–.]/g, '');
  if (s.startsWith('PA')) s = s.slice(2);
  if (s.length !== CODE_SYMBOLS) return null;
  for (const ch of s) if (!CODE_ALPHABET.includes(ch)) return null;
  return `PA-${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
}

/** Only the hash is stored: a copy of the database does not hand out every case's tracking page. */
export function hashTrackingCode(code: string): Buffer {
  return createHash('sha256').update(code).digest();
}
