import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Db } from '../../core/db/database.ts';
import type { Account } from './accounts.repo.ts';
import { identityDb } from './identity.db.ts';
import { type Sealer, sha256 } from './secrets.ts';

export const TOTP_ISSUER = 'Mặt trận số';
export const RECOVERY_CODE_COUNT = 10;

function totpFor(account: Account, secretBase32: string): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: account.username ?? account.email ?? account.phone ?? account.id,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** Starts (or restarts) enrolment: a new secret stored sealed, not active until a first code confirms it. */
export async function beginTotpEnrolment(db: Db, sealer: Sealer, account: Account) {
  const secret = new Secret({ size: 20 }).base32;
  await identityDb(db)
    .updateTable('account')
    .set({ totp_secret: sealer.seal(secret), totp_enabled_at: null, updated_at: new Date() })
    .where('id', '=', account.id)
    .execute();
  return enrolmentView(account, secret);
}

/** What the enrolment page shows for a pending secret: the QR code and the key typed by hand. */
export async function enrolmentView(account: Account, secret: string) {
  const uri = totpFor(account, secret).toString();
  return { qr: await QRCode.toDataURL(uri, { margin: 1, width: 220 }), secret, uri };
}

export function pendingSecret(sealer: Sealer, account: Account): string | null {
  if (!account.totpSecret) return null;
  try {
    return sealer.open(account.totpSecret);
  } catch {
    // Sealed under a previous TOKEN_SECRET: no code can match; a recovery code or an administrator's reset can.
    return null;
  }
}

/** A six-digit code of the current period (±1 period for clock drift). */
export function verifyTotp(sealer: Sealer, account: Account, code: string): boolean {
  const secret = pendingSecret(sealer, account);
  return !!secret && verifyTotpSecret(account, secret, code);
}

export function verifyTotpSecret(account: Account, secret: string, code: string): boolean {
  const clean = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(clean)) return false;
  return totpFor(account, secret).validate({ token: clean, window: 1 }) !== null;
}

/**
 * Verifies a code and spends it: the account remembers the time step of the last accepted code, and a code of
 * that step or an earlier one is refused (a code seen over a shoulder or replayed within its 30 s fails).
 */
export async function consumeTotp(db: Db, account: Account, secret: string, code: string): Promise<boolean> {
  const clean = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(clean)) return false;
  const delta = totpFor(account, secret).validate({ token: clean, window: 1 });
  if (delta === null) return false;
  const step = Math.floor(Date.now() / 30_000) + delta;
  const res = await sql`UPDATE account SET totp_last_step = ${step}
    WHERE id = ${account.id} AND (totp_last_step IS NULL OR totp_last_step < ${step})`.execute(db);
  return Number(res.numAffectedRows ?? 0) === 1;
}

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

/** Stores a confirmed secret (self-service enrolment keeps the pending one out of the database until then). */
export async function storeTotpSecret(db: Db, sealer: Sealer, accountId: string, secret: string): Promise<void> {
  await identityDb(db)
    .updateTable('account')
    .set({ totp_secret: sealer.seal(secret), updated_at: new Date() })
    .where('id', '=', accountId)
    .execute();
}

/** The code of now (offset in periods: 1 = the next one, still accepted for clock drift). Tests and e2e. */
export function currentTotp(secretBase32: string, offsetPeriods = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secretBase32), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offsetPeriods * 30_000,
  });
}

function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Confirms enrolment and issues fresh single-use recovery codes (shown once; only their hashes are kept). */
export async function activateTotp(db: Db, accountId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const idb = identityDb(db);
  await idb
    .updateTable('account')
    .set({ totp_enabled_at: new Date(), updated_at: new Date() })
    .where('id', '=', accountId)
    .execute();
  await idb.deleteFrom('account_recovery_code').where('account_id', '=', accountId).execute();
  await idb
    .insertInto('account_recovery_code')
    .values(codes.map((c) => ({ account_id: accountId, code_hash: sha256(c), used_at: null })))
    .execute();
  return codes;
}

/** A recovery code works once. */
export async function consumeRecoveryCode(db: Db, accountId: string, code: string): Promise<boolean> {
  const clean = code.trim().toLowerCase();
  if (!/^[a-z0-9]{5}-[a-z0-9]{5}$/.test(clean)) return false;
  const res = await sql`UPDATE account_recovery_code SET used_at = now()
    WHERE account_id = ${accountId} AND code_hash = ${sha256(clean)} AND used_at IS NULL`.execute(db);
  return Number(res.numAffectedRows ?? 0) === 1;
}

export async function removeTotp(db: Db, accountId: string): Promise<void> {
  const idb = identityDb(db);
  await idb
    .updateTable('account')
    .set({ totp_secret: null, totp_enabled_at: null, updated_at: new Date() })
    .where('id', '=', accountId)
    .execute();
  await idb.deleteFrom('account_recovery_code').where('account_id', '=', accountId).execute();
}

/** Administrators must use a second factor. */
export const mfaRequired = (a: Account) => a.totpEnabled || a.roles.includes('admin');
