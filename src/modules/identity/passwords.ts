import { readFileSync } from 'node:fs';
import { hashOnThread, verifyOnThread } from './password-hasher.ts';

/**
 * argon2id above the OWASP/ASVS floor (19 MiB, t=2, p=1): 64 MiB, t=4, p=1, tuned to the middle of the issue's
 * 50–150 ms on this machine (2 cores; see README: t=2 took 42 ms at p50 on a quiet run, below the band; the time
 * grows with t, the memory per hash stays 64 MiB). The parameters travel inside each hash, so older hashes are
 * re-hashed at their next login. The hashes run on low-priority threads, at most cores − 1 at once
 * (password-hasher.ts).
 */
// algorithm 2 = Algorithm.Argon2id (a const enum, which type stripping cannot read).
export const ARGON2_PARAMS = { algorithm: 2, memoryCost: 65_536, timeCost: 4, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hashOnThread(password.normalize('NFC'), ARGON2_PARAMS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verifyOnThread(stored, password.normalize('NFC'));
  } catch {
    return false;
  }
}

export function needsRehash(stored: string): boolean {
  return !stored.includes(`m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=${ARGON2_PARAMS.parallelism}`);
}

/** A hash of nothing anybody knows: compared against when the account does not exist, so timing tells nothing. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('no account has this password — mts');
  return dummyHash;
}

let common: Set<string> | null = null;
/** The 10,000 most common passwords (data/common-passwords-10k.txt, provenance in data/README.md). */
export function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(new URL('./data/common-passwords-10k.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
  return common;
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'PASSWORD_TOO_SHORT' | 'PASSWORD_TOO_LONG' | 'PASSWORD_IS_USERNAME' | 'PASSWORD_COMMON';

/**
 * ASVS 2.1: at least 12 characters (counted as Unicode code points, spaces allowed), at most 128, not the
 * account's username/email/phone, not among the most common passwords (also when padded by repeating it, e.g.
 * "password1234" → checked whole and with trailing digits removed).
 */
export function checkPasswordPolicy(
  password: string,
  identifiers: (string | null | undefined)[],
): PasswordProblem | null {
  const p = password.normalize('NFC');
  const length = [...p].length;
  if (length < PASSWORD_MIN_LENGTH) return 'PASSWORD_TOO_SHORT';
  if (length > PASSWORD_MAX_LENGTH) return 'PASSWORD_TOO_LONG';
  const lower = p.toLowerCase();
  for (const id of identifiers) {
    if (!id) continue;
    const i = id.toLowerCase();
    const local = i.split('@')[0]!;
    // The identifier itself, or it with a few characters added ("lan.nguyen1", "0912345678!").
    if (lower === i || (local.length >= 4 && lower.includes(local) && lower.length - local.length < 4)) {
      return 'PASSWORD_IS_USERNAME';
    }
  }
  const list = commonPasswords();
  const stripped = lower.replace(/[0-9!.@#$%^&*_-]+$/, '');
  if (list.has(lower) || list.has(stripped) || isRepetitionOfCommon(lower, list)) return 'PASSWORD_COMMON';
  return null;
}

/** "passwordpassword", "123456123456": a common password repeated is still that password. */
function isRepetitionOfCommon(p: string, list: Set<string>): boolean {
  for (let size = 1; size <= p.length / 2; size++) {
    if (p.length % size) continue;
    const unit = p.slice(0, size);
    if (unit.repeat(p.length / size) === p && (list.has(unit) || size <= 2)) return true;
  }
  return false;
}
