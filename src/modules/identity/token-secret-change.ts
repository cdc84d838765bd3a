import { sql } from 'kysely';
import { recordAudit } from '../../core/audit.ts';
import { ConfigError } from '../../core/config.ts';
import type { Db } from '../../core/db/database.ts';
import { withTransaction } from '../../core/db/transaction.ts';
import type { Sealer } from './secrets.ts';
import { newSigningKey } from './signing-keys.ts';

/** Set to `true` for one start after TOKEN_SECRET was changed on purpose: new signing keys, every sign-in ends. */
export const REGENERATE_FLAG = 'IDENTITY_REGENERATE_SIGNING_KEYS';

const opens = (sealer: Sealer, sealed: string) => {
  try {
    sealer.open(sealed);
    return true;
  } catch {
    return false;
  }
};

/** Whether every stored signing key opens with the current TOKEN_SECRET (none stored counts as yes). */
export async function signingKeysOpen(db: Db, sealer: Sealer): Promise<boolean> {
  const { rows } = await sql<{ sealed_jwk: string }>`SELECT sealed_jwk FROM oidc_signing_key`.execute(db);
  return rows.every((r) => opens(sealer, r.sealed_jwk));
}

/** The start-up error when the keys were sealed with another TOKEN_SECRET: what happened and the two ways out. */
export function tokenSecretChangedError(): ConfigError {
  return new ConfigError([
    'TOKEN_SECRET: không mở được khóa ký của máy chủ định danh (OpenID) đã lưu trong cơ sở dữ liệu — TOKEN_SECRET ' +
      'khác với giá trị đã dùng để niêm phong chúng. Cách khắc phục: (1) đặt lại TOKEN_SECRET cũ; hoặc (2) khởi ' +
      `động một lần với ${REGENERATE_FLAG}=true để tạo khóa ký mới: mọi phiên đăng nhập một lần, mã và token hiện có ` +
      'mất hiệu lực (mọi người đăng nhập lại), ứng dụng bên ngoài phải được đăng ký lại, tài khoản có xác thực hai ' +
      'lớp dùng mã khôi phục hoặc nhờ quản trị viên đặt lại.',
    "TOKEN_SECRET: the identity provider's signing keys stored in the database cannot be opened — TOKEN_SECRET " +
      'differs from the value they were sealed with. Either (1) restore the previous TOKEN_SECRET, or (2) start once ' +
      `with ${REGENERATE_FLAG}=true to generate new signing keys: every single sign-on session, code and token is ` +
      'invalidated (everyone signs in again), third-party clients must be registered again, and accounts with a ' +
      'second factor use a recovery code or have an administrator reset it.',
  ]);
}

export type Regeneration = {
  kid: string;
  keysRemoved: number;
  providerRowsRemoved: number;
  appSessionsRevoked: number;
  clientsRemoved: string[];
  accountsWithUnreadableTotp: number;
};

/**
 * The recovery after a deliberate TOKEN_SECRET change, in one transaction: the signing keys that no longer open
 * are removed (they cannot be published or used), a new key is generated, everything the provider held
 * (provider sessions, grants, codes, tokens) is removed and the app sessions opened through single sign-on are
 * revoked, third-party clients whose secrets no longer open are removed (their ids are in the audit entry, so the
 * Central administrator registers them again). TOTP secrets sealed with the old value are counted, not removed:
 * their owners sign in with a recovery code or an administrator resets the factor.
 */
export async function regenerateSigningKeys(db: Db, sealer: Sealer): Promise<Regeneration> {
  return withTransaction(db, async (trx) => {
    const keys = await sql<{ kid: string; sealed_jwk: string }>`
      SELECT kid, sealed_jwk FROM oidc_signing_key FOR UPDATE`.execute(trx);
    const unreadable = keys.rows.filter((k) => !opens(sealer, k.sealed_jwk)).map((k) => k.kid);
    if (unreadable.length) await sql`DELETE FROM oidc_signing_key WHERE kid = ANY(${unreadable})`.execute(trx);
    const kid = await newSigningKey(trx, sealer);
    const provider = await sql`DELETE FROM oidc_payload`.execute(trx);
    const sessions = await sql`UPDATE auth_session SET revoked_at = now()
      WHERE client_id IS NOT NULL AND revoked_at IS NULL`.execute(trx);
    const clients = await sql<{ client_id: string; sealed_secret: string }>`
      SELECT client_id, sealed_secret FROM oidc_client`.execute(trx);
    const lost = clients.rows.filter((c) => !opens(sealer, c.sealed_secret)).map((c) => c.client_id);
    if (lost.length) await sql`DELETE FROM oidc_client WHERE client_id = ANY(${lost})`.execute(trx);
    const totp = await sql<{ totp_secret: string }>`
      SELECT totp_secret FROM account WHERE totp_secret IS NOT NULL`.execute(trx);
    const result: Regeneration = {
      kid,
      keysRemoved: unreadable.length,
      providerRowsRemoved: Number(provider.numAffectedRows ?? 0),
      appSessionsRevoked: Number(sessions.numAffectedRows ?? 0),
      clientsRemoved: lost,
      accountsWithUnreadableTotp: totp.rows.filter((r) => !opens(sealer, r.totp_secret)).length,
    };
    await recordAudit(trx, {
      actor: null,
      action: 'identity.keys.regenerated',
      target: { type: 'oidc_signing_key', id: kid, unitPath: null },
      details: { reason: 'token_secret_changed', ...result },
    });
    return result;
  });
}
