import { sql } from 'kysely';
import { recordAudit } from '../../core/audit.ts';
import type { Db } from '../../core/db/database.ts';
import { type Account, findAccountById, findAccountByIdentifier } from './accounts.repo.ts';
import { identityDb } from './identity.db.ts';
import { LOCK_AFTER_FAILURES, lockDurationMs } from './lockout.ts';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './passwords.ts';

export type LoginOutcome = (
  | { ok: true; account: Account }
  | { ok: false; reason: 'invalid' | 'locked' | 'disabled' }
) & {
  /** Milliseconds spent in the deliberate password hash (reported as Server-Timing for the benchmarks). */
  hashMs?: number;
};

const auditTarget = (a: Account) => ({ type: 'account', id: a.id, unitPath: a.unitPath });

/** The account a sign-in form names (username, e-mail or phone), or null. */
export function findSignInAccount(db: Db, identifier: string): Promise<Account | null> {
  return identifier.trim() ? findAccountByIdentifier(identityDb(db), identifier) : Promise.resolve(null);
}

/**
 * Checks a password. Unknown account, wrong password, locked and disabled all look the same to the caller's user
 * (one message) and take the same time (a hash is always verified). Five failures in a row lock the account for
 * a minute, doubling with each further lock; every failure and lock is audited (never the password). `found`:
 * the account of `identifier` when the caller already read it (findSignInAccount), else it is read here.
 */
export async function checkPassword(
  db: Db,
  identifier: string,
  password: string,
  found?: Account | null,
): Promise<LoginOutcome> {
  const idb = identityDb(db);
  const account = found !== undefined ? found : await findSignInAccount(db, identifier);
  const stored = account?.passwordHash ?? (await dummyPasswordHash());
  const started = performance.now();
  const matches = await verifyPassword(stored, password);
  const hashMs = performance.now() - started;
  if (!account) {
    await recordAudit(db, {
      actor: null,
      action: 'identity.login.unknown_account',
      target: { type: 'account', id: null, unitPath: null },
    });
    return { ok: false, reason: 'invalid', hashMs };
  }
  if (account.status !== 'active') {
    await recordAudit(db, { actor: null, action: 'identity.login.disabled', target: auditTarget(account) });
    return { ok: false, reason: 'disabled', hashMs };
  }
  if (account.lockedUntil && account.lockedUntil.getTime() > Date.now()) {
    await recordAudit(db, {
      actor: null,
      action: 'identity.login.while_locked',
      target: auditTarget(account),
      details: { lockedUntil: account.lockedUntil.toISOString() },
    });
    return { ok: false, reason: 'locked', hashMs };
  }
  if (!account.passwordHash || !matches) {
    const locked = await recordFailure(db, account, 'password');
    return { ok: false, reason: locked ? 'locked' : 'invalid', hashMs };
  }
  // A success resets the failure counters; one write only when there is something to reset or re-hash.
  const updates: Record<string, unknown> = {};
  if (account.failedLogins || account.lockouts || account.lockedUntil)
    Object.assign(updates, { failed_logins: 0, lockouts: 0, locked_until: null });
  let rehashMs = 0;
  if (needsRehash(account.passwordHash)) {
    const t0 = performance.now();
    updates.password_hash = await hashPassword(password);
    rehashMs = performance.now() - t0;
  }
  if (Object.keys(updates).length === 0) return { ok: true, account, hashMs };
  await idb.updateTable('account').set(updates).where('id', '=', account.id).execute();
  return { ok: true, account: (await findAccountById(idb, account.id))!, hashMs: hashMs + rehashMs };
}

/**
 * Counts a failure (wrong password or wrong second-factor code) in one atomic statement, so concurrent failures
 * cannot lose a count; the fifth in a row locks the account. Returns whether this failure locked it.
 */
export async function recordFailure(db: Db, account: Account, factor: 'password' | 'mfa'): Promise<boolean> {
  const row = await sql<{ failed_logins: number; lockouts: number; locked_until: Date | null }>`
    UPDATE account SET
      failed_logins = CASE WHEN failed_logins + 1 >= ${LOCK_AFTER_FAILURES} THEN 0 ELSE failed_logins + 1 END,
      lockouts = CASE WHEN failed_logins + 1 >= ${LOCK_AFTER_FAILURES} THEN lockouts + 1 ELSE lockouts END,
      locked_until = CASE WHEN failed_logins + 1 >= ${LOCK_AFTER_FAILURES}
        THEN now() + make_interval(secs => least(60 * power(2, lockouts), 86400)) ELSE locked_until END
    WHERE id = ${account.id}
    RETURNING failed_logins, lockouts, locked_until`.execute(db);
  const after = row.rows[0]!;
  const locked = after.failed_logins === 0 && after.lockouts > account.lockouts;
  await recordAudit(db, {
    actor: null,
    action: locked ? 'identity.account.locked' : 'identity.login.failure',
    target: auditTarget(account),
    details: locked
      ? { factor, lockouts: after.lockouts, lockedForSeconds: lockDurationMs(account.lockouts) / 1000 }
      : { factor, failuresInARow: after.failed_logins },
  });
  return locked;
}
