import { type QueryExecutorProvider, sql } from 'kysely';
import { recordAudit } from '../../core/audit.ts';
import type { Db } from '../../core/db/database.ts';
import { withTransaction } from '../../core/db/transaction.ts';
import { AppError } from '../../core/http/errors.ts';
import { enqueueNotification, registerNotificationTemplates } from '../../core/notifications/index.ts';
import { findAccountById, findAccountByIdentifier } from './accounts.repo.ts';
import { identityDb } from './identity.db.ts';
import { checkPasswordPolicy, hashPassword } from './passwords.ts';
import { randomToken, sha256 } from './secrets.ts';

export const RESET_TTL_MS = 30 * 60 * 1000;
export const resetLink = (publicUrl: string, token: string) => `${publicUrl}/tai-khoan/dat-lai-mat-khau?token=${token}`;

registerNotificationTemplates({
  'identity.password_reset': {
    vi: (p) => ({
      subject: 'Đặt lại mật khẩu tài khoản Mặt trận số',
      body: `Xin chào ${p.name},\n\nCó yêu cầu đặt lại mật khẩu cho tài khoản của bạn. Mở liên kết sau trong 30 phút (chỉ dùng được một lần):\n${p.link}\n\nNếu bạn không yêu cầu, hãy bỏ qua thư này; mật khẩu của bạn không thay đổi.`,
    }),
    en: (p) => ({
      subject: 'Reset the password of your Digital Front account',
      body: `Hello ${p.name},\n\nSomeone asked to reset the password of your account. Open this link within 30 minutes (it works once):\n${p.link}\n\nIf it was not you, ignore this message; your password is unchanged.`,
    }),
  },
  'identity.account_created': {
    vi: (p) => ({
      subject: 'Tài khoản Mặt trận số của bạn',
      body: `Xin chào ${p.name},\n\nTài khoản Mặt trận số của bạn đã được tạo. Tên đăng nhập: ${p.username}.\nĐặt mật khẩu tại liên kết sau (dùng được một lần, trong 72 giờ):\n${p.link}`,
    }),
    en: (p) => ({
      subject: 'Your Digital Front account',
      body: `Hello ${p.name},\n\nYour Digital Front account has been created. Username: ${p.username}.\nSet your password with this link (works once, within 72 hours):\n${p.link}`,
    }),
  },
});

export async function createResetToken(
  db: QueryExecutorProvider,
  accountId: string,
  ttlMs = RESET_TTL_MS,
): Promise<string> {
  const token = randomToken();
  await sql`INSERT INTO password_reset (token_hash, account_id, expires_at)
    VALUES (${sha256(token)}, ${accountId}, ${new Date(Date.now() + ttlMs)})`.execute(db);
  return token;
}

/**
 * Sends a reset link when the identifier names an active account with an e-mail; says nothing either way to the
 * caller (the same answer for unknown accounts), and audits the request.
 */
export async function requestPasswordReset(db: Db, publicUrl: string, identifier: string): Promise<void> {
  const account = identifier.trim() ? await findAccountByIdentifier(identityDb(db), identifier) : null;
  if (account?.status !== 'active' || !account.email) return;
  await withTransaction(db, async (trx) => {
    const token = await createResetToken(trx, account.id);
    await enqueueNotification(trx, {
      channel: 'email',
      recipient: account.email!,
      template: 'identity.password_reset',
      params: { name: account.displayName, link: resetLink(publicUrl, token) },
    });
    await recordAudit(trx, {
      actor: null,
      action: 'identity.password.reset_requested',
      target: { type: 'account', id: account.id, unitPath: account.unitPath },
    });
  });
}

/** Whether a link is still usable (to show the form or an explanation). */
export async function resetTokenAccount(db: Db, token: string): Promise<string | null> {
  const { rows } = await sql<{ account_id: string }>`SELECT account_id FROM password_reset
    WHERE token_hash = ${sha256(token)} AND used_at IS NULL AND expires_at > now()`.execute(db);
  return rows[0]?.account_id ?? null;
}

/** Uses a link once: sets the new password, clears a lock, and ends every session and token of the account. */
export async function completePasswordReset(db: Db, token: string, password: string): Promise<void> {
  const accountId = await resetTokenAccount(db, token);
  if (!accountId) throw new AppError('RESET_LINK_INVALID');
  const account = await findAccountById(identityDb(db), accountId);
  if (account?.status !== 'active') throw new AppError('RESET_LINK_INVALID');
  const problem = checkPasswordPolicy(password, [account.username, account.email, account.phone]);
  if (problem) throw new AppError(problem);
  const hash = await hashPassword(password);
  await withTransaction(db, async (trx) => {
    const used = await sql`UPDATE password_reset SET used_at = now()
      WHERE token_hash = ${sha256(token)} AND used_at IS NULL AND expires_at > now()`.execute(trx);
    if (Number(used.numAffectedRows ?? 0) !== 1) throw new AppError('RESET_LINK_INVALID');
    await sql`UPDATE account SET password_hash = ${hash}, password_changed_at = now(), failed_logins = 0,
      locked_until = NULL, updated_at = now() WHERE id = ${accountId}`.execute(trx);
    await sql`UPDATE password_reset SET used_at = now() WHERE account_id = ${accountId} AND used_at IS NULL`.execute(
      trx,
    );
    await sql`UPDATE auth_session SET revoked_at = now() WHERE account_id = ${accountId} AND revoked_at IS NULL`.execute(
      trx,
    );
    await sql`DELETE FROM oidc_payload WHERE account_id = ${accountId}`.execute(trx);
    await recordAudit(trx, {
      actor: null,
      action: 'identity.password.reset',
      target: { type: 'account', id: accountId, unitPath: account.unitPath },
    });
  });
}
