import { sql } from 'kysely';
import { recordAudit } from '../../core/audit.ts';
import { can, isWithinPath } from '../../core/auth/policy.ts';
import type { Principal } from '../../core/auth/principal.ts';
import type { Db } from '../../core/db/database.ts';
import { withTransaction } from '../../core/db/transaction.ts';
import { AppError } from '../../core/http/errors.ts';
import { findStaffAccount } from '../identity/index.ts';

/**
 * The directory of competent authorities, managed by the Front of each unit: entries (create, rename, e-mail,
 * deactivate) and the accounts that answer for each entry. Every change is audited in its transaction.
 */
export type DirectoryEntry = {
  id: number;
  unitId: number;
  unitCode: string;
  unitPath: string;
  name: string;
  email: string | null;
  active: boolean;
  accounts: { accountId: string; name: string }[];
};

/** The Front's handlers and administrators of a unit (or above it) manage that unit's directory. */
export function canManageDirectory(p: Principal | null, unitPath: string): boolean {
  const target = { unitPath, orgType: 'front' as const };
  return can(p, 'handle_petition', target) || can(p, 'administer', target);
}

function requireManager(p: Principal | null, unitPath: string): asserts p is Principal {
  if (!p) throw new AppError('UNAUTHENTICATED');
  if (!canManageDirectory(p, unitPath)) throw new AppError('NOT_FOUND');
}

/** The directory entries an authority account answers for (its links). */
export async function linkedAuthorityIds(db: Db, accountId: string): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`SELECT authority_id AS id FROM petition_authority_account
    WHERE account_id = ${accountId}`.execute(db);
  return rows.map((r) => Number(r.id));
}

/** A unit's own entries (active first, then by name), each with its linked accounts. */
export async function listDirectory(db: Db, unitPath: string): Promise<DirectoryEntry[]> {
  const { rows } = await sql<Omit<DirectoryEntry, 'accounts'> & { accounts: DirectoryEntry['accounts'] | null }>`
    SELECT a.id, a.unit_id AS "unitId", a.unit_code AS "unitCode", a.unit_path::text AS "unitPath", a.name, a.email,
      a.active, (SELECT json_agg(json_build_object('accountId', l.account_id, 'name', l.account_name)
        ORDER BY l.account_name) FROM petition_authority_account l WHERE l.authority_id = a.id) AS accounts
    FROM petition_authority a WHERE a.unit_path = ${unitPath}::ltree ORDER BY a.active DESC, a.name`.execute(db);
  return rows.map((r) => ({ ...r, id: Number(r.id), unitId: Number(r.unitId), accounts: r.accounts ?? [] }));
}

async function entryForManager(db: Db, p: Principal | null, id: number, lock = false) {
  if (!p) throw new AppError('UNAUTHENTICATED');
  const { rows } = Number.isSafeInteger(id)
    ? await sql<Omit<DirectoryEntry, 'accounts'>>`SELECT id, unit_id AS "unitId", unit_code AS "unitCode",
        unit_path::text AS "unitPath", name, email, active FROM petition_authority WHERE id = ${id}
        ${lock ? sql`FOR UPDATE` : sql``}`.execute(db)
    : { rows: [] };
  const entry = rows[0];
  if (!entry) throw new AppError('NOT_FOUND');
  requireManager(p, entry.unitPath);
  return { ...entry, id: Number(entry.id) };
}

export type EntryInput = { name: string; email: string | null };

function checkInput(input: EntryInput): EntryInput {
  const name = input.name.trim().normalize('NFC').replace(/\s+/g, ' ');
  const email = input.email?.trim().toLowerCase() || null;
  const fields = [];
  if (name.length < 3 || name.length > 200)
    fields.push({ field: 'name', code: 'PETITION_AUTHORITY_NAME_LENGTH', message: '' });
  if (email && (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)))
    fields.push({ field: 'email', code: 'PETITION_EMAIL_INVALID', message: '' });
  if (fields.length) throw new AppError('VALIDATION_FAILED', { fields });
  return { name, email };
}

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

export async function createEntry(
  db: Db,
  p: Principal | null,
  unit: { id: number; code: string; path: string },
  input: EntryInput,
): Promise<number> {
  requireManager(p, unit.path);
  const v = checkInput(input);
  try {
    return await withTransaction(db, async (trx) => {
      const { rows } = await sql<{
        id: number;
      }>`INSERT INTO petition_authority (unit_id, unit_code, unit_path, name, email)
        VALUES (${unit.id}, ${unit.code}, ${unit.path}::ltree, ${v.name}, ${v.email}) RETURNING id`.execute(trx);
      const id = Number(rows[0]!.id);
      await recordAudit(trx, {
        actor: p,
        action: 'petitions.authority.create',
        target: { type: 'petition_authority', id: String(id), unitPath: unit.path },
        details: { name: v.name },
      });
      return id;
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('PETITION_AUTHORITY_EXISTS', {
        fields: [{ field: 'name', code: 'PETITION_AUTHORITY_EXISTS', message: '' }],
      });
    throw err;
  }
}

export async function updateEntry(
  db: Db,
  p: Principal | null,
  id: number,
  input: Partial<EntryInput> & { active?: boolean },
): Promise<void> {
  try {
    await withTransaction(db, async (trx) => {
      const entry = await entryForManager(trx as unknown as Db, p, id, true);
      const v =
        input.name !== undefined
          ? checkInput({ name: input.name, email: input.email ?? null })
          : { name: entry.name, email: entry.email };
      const active = input.active ?? entry.active;
      await sql`UPDATE petition_authority SET name = ${v.name}, email = ${v.email}, active = ${active}
        WHERE id = ${id}`.execute(trx);
      await recordAudit(trx, {
        actor: p,
        action:
          active === entry.active
            ? 'petitions.authority.update'
            : `petitions.authority.${active ? 'activate' : 'deactivate'}`,
        target: { type: 'petition_authority', id: String(id), unitPath: entry.unitPath },
        details: { name: v.name, active },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('PETITION_AUTHORITY_EXISTS', {
        fields: [{ field: 'name', code: 'PETITION_AUTHORITY_EXISTS', message: '' }],
      });
    throw err;
  }
}

/**
 * Links an account to an entry: the account must be an active staff account in the manager's scope (else 404, as
 * for anything out of scope), hold the authority role, and sit at the entry's unit or above it (else it could
 * not answer those cases under the policy).
 */
export async function linkAccount(db: Db, p: Principal | null, id: number, accountId: string): Promise<void> {
  await withTransaction(db, async (trx) => {
    const entry = await entryForManager(trx as unknown as Db, p, id, true);
    if (!accountId.trim())
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ field: 'accountId', code: 'PETITION_ACCOUNT_REQUIRED', message: '' }],
      });
    const account = await findStaffAccount(trx as unknown as Db, accountId.trim());
    if (!account || !isWithinPath(account.unitPath, p!.unitPath)) throw new AppError('NOT_FOUND');
    if (!account.roles.includes('authority'))
      throw new AppError('PETITION_ACCOUNT_NOT_AUTHORITY', {
        fields: [{ field: 'accountId', code: 'PETITION_ACCOUNT_NOT_AUTHORITY', message: '' }],
      });
    if (!isWithinPath(entry.unitPath, account.unitPath))
      throw new AppError('PETITION_ACCOUNT_OUTSIDE_UNIT', {
        fields: [{ field: 'accountId', code: 'PETITION_ACCOUNT_OUTSIDE_UNIT', message: '' }],
      });
    await sql`INSERT INTO petition_authority_account (authority_id, account_id, account_name, linked_by)
      VALUES (${id}, ${account.id}, ${account.displayName}, ${p!.accountId})
      ON CONFLICT (authority_id, account_id) DO UPDATE SET account_name = EXCLUDED.account_name`.execute(trx);
    await recordAudit(trx, {
      actor: p,
      action: 'petitions.authority.link',
      target: { type: 'petition_authority', id: String(id), unitPath: entry.unitPath },
      details: { accountId: account.id },
    });
  });
}

export async function unlinkAccount(db: Db, p: Principal | null, id: number, accountId: string): Promise<void> {
  await withTransaction(db, async (trx) => {
    const entry = await entryForManager(trx as unknown as Db, p, id, true);
    const res = await sql`DELETE FROM petition_authority_account WHERE authority_id = ${id}
      AND account_id = ${accountId}`.execute(trx);
    if (!Number(res.numAffectedRows ?? 0)) throw new AppError('NOT_FOUND');
    await recordAudit(trx, {
      actor: p,
      action: 'petitions.authority.unlink',
      target: { type: 'petition_authority', id: String(id), unitPath: entry.unitPath },
      details: { accountId },
    });
  });
}
