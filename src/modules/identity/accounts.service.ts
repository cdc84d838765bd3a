import { type Kysely, type QueryExecutorProvider, sql, type Transaction } from 'kysely';
import { recordAudit } from '../../core/audit.ts';
import { scopeFilter } from '../../core/auth/policy.ts';
import type { OrgType, Principal, Role } from '../../core/auth/principal.ts';
import type { Db } from '../../core/db/database.ts';
import { withTransaction } from '../../core/db/transaction.ts';
import { AppError } from '../../core/http/errors.ts';
import { foldVietnamese } from '../../core/i18n/format.ts';
import { enqueueNotification } from '../../core/notifications/index.ts';
import { findUnitByCode, orgTypesAt, todayInVietnam, unitsDb } from '../units/index.ts';
import { type Account, findAccountById, normalisePhone, toAccount } from './accounts.repo.ts';
import { assertMayGrant, assertMayManage } from './delegation.ts';
import type { IdentityTables } from './identity.db.ts';
import { createResetToken, resetLink } from './password-reset.ts';
import { checkPasswordPolicy, hashPassword } from './passwords.ts';
import { removeTotp } from './totp.ts';

export type NewAccount = {
  displayName: string;
  username: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  unitCode: string;
  orgType: OrgType;
  roles: Role[];
  password?: string | null | undefined;
};

type Trx = Transaction<IdentityTables>;
const idbOf = (db: Db) => db.withTables<IdentityTables>();
const target = (a: { id: string; unitPath: string | null }) => ({ type: 'account', id: a.id, unitPath: a.unitPath });

/** The account as a managed target (staff only; citizens are not administered here). */
async function managed(db: Kysely<IdentityTables>, id: string) {
  const a = await findAccountById(db, id);
  if (a?.kind !== 'staff' || !a.unitPath || !a.orgType) throw new AppError('NOT_FOUND');
  return { account: a, target: { id: a.id, unitPath: a.unitPath, orgType: a.orgType, roles: a.roles } };
}

/** Ends everything an account holds at once: app sessions, provider sessions, grants and tokens. */
export async function endEverything(trx: QueryExecutorProvider, accountId: string): Promise<void> {
  await sql`UPDATE auth_session SET revoked_at = now() WHERE account_id = ${accountId} AND revoked_at IS NULL`.execute(
    trx,
  );
  const { rows } = await sql<{ grant_id: string | null }>`
    DELETE FROM oidc_payload WHERE account_id = ${accountId} RETURNING grant_id`.execute(trx);
  const grants = [...new Set(rows.map((r) => r.grant_id).filter((g): g is string => !!g))];
  if (grants.length) await sql`DELETE FROM oidc_payload WHERE grant_id = ANY(${grants})`.execute(trx);
}

/** Checks one new account without writing it; returns the resolved unit or throws a field error. */
export async function validateNewAccount(db: Db, actor: Principal | null, input: NewAccount) {
  const unit = await findUnitByCode(unitsDb(db), input.unitCode.trim(), todayInVietnam());
  if (!unit)
    throw new AppError('ACCOUNT_UNKNOWN_UNIT', {
      params: { code: input.unitCode },
      fields: [{ field: 'unitCode', code: 'ACCOUNT_UNKNOWN_UNIT', message: '' }],
    });
  if (!orgTypesAt(unit.level).includes(input.orgType)) throw new AppError('ACCOUNT_ORG_ABSENT');
  if (!input.roles.length) throw new AppError('ACCOUNT_ROLES_REQUIRED');
  assertMayGrant(actor, { unitPath: unit.path, orgType: input.orgType, roles: input.roles });
  if (!/^[a-z0-9._-]{3,64}$/.test(input.username.trim().toLowerCase())) throw new AppError('ACCOUNT_USERNAME_INVALID');
  if (input.password) {
    const problem = checkPasswordPolicy(input.password, [input.username, input.email, input.phone]);
    if (problem) throw new AppError(problem);
  }
  return unit;
}

async function insertAccount(
  trx: Trx,
  publicUrl: string,
  actor: Principal,
  input: NewAccount,
  unit: { code: string; path: string; level: string },
) {
  const username = input.username.trim().toLowerCase();
  const email = input.email?.trim().toLowerCase() || null;
  const phone = input.phone ? normalisePhone(input.phone) : null;
  const taken = await sql<{ n: number }>`SELECT count(*)::int AS n FROM account
    WHERE lower(username) = ${username} OR (${email}::text IS NOT NULL AND lower(email) = ${email})
      OR (${phone}::text IS NOT NULL AND phone = ${phone})`.execute(trx);
  if (taken.rows[0]!.n > 0) throw new AppError('ACCOUNT_IDENTIFIER_TAKEN');
  const row = await trx
    .insertInto('account')
    .values({
      kind: 'staff',
      username,
      email,
      phone,
      display_name: input.displayName.trim().normalize('NFC'),
      unit_code: unit.code,
      unit_path: unit.path,
      unit_level: unit.level,
      org_type: input.orgType,
      roles: input.roles,
      citizen_id: null,
      password_hash: input.password ? await hashPassword(input.password) : null,
      password_changed_at: input.password ? new Date() : null,
      locked_until: null,
      totp_secret: null,
      totp_enabled_at: null,
      created_by: actor.accountId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const account = toAccount(row as never);
  await recordAudit(trx, {
    actor,
    action: 'identity.account.create',
    target: target(account),
    details: { unitCode: unit.code, orgType: input.orgType, roles: input.roles },
  });
  // Without an initial password, the cadre sets one through a single-use link sent to their e-mail.
  if (!input.password && email) {
    const token = await createResetToken(trx, account.id, 72 * 60 * 60 * 1000);
    await enqueueNotification(trx, {
      channel: 'email',
      recipient: email,
      template: 'identity.account_created',
      params: { name: account.displayName, username, link: resetLink(publicUrl, token) },
    });
  }
  return account;
}

export async function createAccount(
  db: Db,
  publicUrl: string,
  actor: Principal | null,
  input: NewAccount,
): Promise<Account> {
  const unit = await validateNewAccount(db, actor, input);
  return withTransaction(idbOf(db), (trx) => insertAccount(trx, publicUrl, actor!, input, unit));
}

/** Creates every account of a list or none; each row's problem is reported by its number. */
export async function createAccounts(
  db: Db,
  publicUrl: string,
  actor: Principal | null,
  rows: { row: number; input: NewAccount }[],
  describe: (err: AppError, input: NewAccount) => string,
): Promise<{ created: number; errors: { row: number; message: string }[] }> {
  const errors: { row: number; message: string }[] = [];
  const units = new Map<number, Awaited<ReturnType<typeof validateNewAccount>>>();
  const seen = new Map<string, number>();
  for (const r of rows) {
    try {
      units.set(r.row, await validateNewAccount(db, actor, r.input));
      for (const key of [
        r.input.username.trim().toLowerCase(),
        r.input.email?.trim().toLowerCase(),
        r.input.phone ? normalisePhone(r.input.phone) : null,
      ]) {
        if (!key) continue;
        if (seen.has(key)) throw new AppError('ACCOUNT_DUPLICATE_IN_FILE', { params: { row: seen.get(key)! } });
        seen.set(key, r.row);
      }
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      errors.push({ row: r.row, message: describe(err, r.input) });
    }
  }
  if (errors.length) return { created: 0, errors };
  try {
    await withTransaction(idbOf(db), async (trx) => {
      for (const r of rows) {
        try {
          await insertAccount(trx, publicUrl, actor!, r.input, units.get(r.row)!);
        } catch (err) {
          if (err instanceof AppError) throw Object.assign(err, { importRow: r.row });
          throw err;
        }
      }
      await recordAudit(trx, {
        actor: actor!,
        action: 'identity.account.import',
        target: { type: 'account_list', unitPath: actor!.unitPath },
        details: { count: rows.length },
      });
    });
  } catch (err) {
    const row = (err as { importRow?: number }).importRow;
    const input = rows.find((r) => r.row === row)?.input;
    if (err instanceof AppError && row && input)
      return { created: 0, errors: [{ row, message: describe(err, input) }] };
    throw err;
  }
  return { created: rows.length, errors: [] };
}

export type AccountListItem = {
  id: string;
  username: string | null;
  displayName: string;
  email: string | null;
  unitCode: string | null;
  unitPath: string | null;
  orgType: string | null;
  roles: string[];
  status: string;
  mfa: boolean;
  locked: boolean;
};

/** Accounts within the administrator's scope (subtree, and organisation outside the Front). */
export async function listAccounts(
  db: Db,
  actor: Principal,
  q: { search?: string | undefined; limit: number; offset: number },
) {
  const scope = scopeFilter(actor);
  const folded = q.search ? `%${foldVietnamese(q.search)}%` : null;
  const { rows } = await sql<AccountListItem>`
    SELECT id, username, display_name AS "displayName", email, unit_code AS "unitCode", unit_path::text AS "unitPath",
      org_type AS "orgType", roles, status, totp_enabled_at IS NOT NULL AS mfa,
      coalesce(locked_until > now(), false) AS locked
    FROM account
    WHERE kind = 'staff' AND unit_path <@ ${scope.pathPrefix}::ltree
      AND (${scope.orgType}::text IS NULL OR org_type = ${scope.orgType})
      AND (${folded}::text IS NULL OR vn_fold(display_name) LIKE ${folded} OR lower(username) LIKE ${folded}
        OR unit_code = ${q.search ?? null})
    ORDER BY unit_path, display_name
    LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
  return rows;
}

export async function setRoles(db: Db, actor: Principal | null, id: string, roles: Role[]): Promise<void> {
  const idb = idbOf(db);
  const { account, target: t } = await managed(idb, id);
  assertMayManage(actor, t, { self: 'refuse' });
  if (!roles.length) throw new AppError('ACCOUNT_ROLES_REQUIRED');
  assertMayGrant(actor, { unitPath: t.unitPath, orgType: t.orgType, roles });
  await withTransaction(idb, async (trx) => {
    await trx.updateTable('account').set({ roles, updated_at: new Date() }).where('id', '=', id).execute();
    // The principal is a snapshot taken at sign-in: new roles take effect at the next sign-in.
    await endEverything(trx, id);
    await recordAudit(trx, {
      actor,
      action: 'identity.account.roles',
      target: target(account),
      details: { from: account.roles, to: roles },
    });
  });
}

export async function setStatus(
  db: Db,
  actor: Principal | null,
  id: string,
  status: 'active' | 'disabled',
): Promise<void> {
  const idb = idbOf(db);
  const { account, target: t } = await managed(idb, id);
  assertMayManage(actor, t, { self: 'refuse' });
  await withTransaction(idb, async (trx) => {
    await trx
      .updateTable('account')
      .set({ status, updated_at: new Date(), ...(status === 'active' ? { failed_logins: 0, locked_until: null } : {}) })
      .where('id', '=', id)
      .execute();
    if (status === 'disabled') await endEverything(trx, id);
    await recordAudit(trx, {
      actor,
      action: status === 'disabled' ? 'identity.account.disable' : 'identity.account.enable',
      target: target(account),
    });
  });
}

export async function resetMfa(db: Db, actor: Principal | null, id: string): Promise<void> {
  const idb = idbOf(db);
  const { account, target: t } = await managed(idb, id);
  assertMayManage(actor, t, { self: 'refuse' });
  await withTransaction(idb, async (trx) => {
    await removeTotp(trx as unknown as Db, id);
    await endEverything(trx, id);
    await recordAudit(trx, { actor, action: 'identity.mfa.reset_by_admin', target: target(account) });
  });
}
