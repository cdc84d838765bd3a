import { sql } from 'kysely';
import type { OrgType, Principal, Role, UnitLevel } from '../../core/auth/principal.ts';
import type { AccountRow, IdentityDb } from './identity.db.ts';

export type Account = {
  id: string;
  kind: 'staff' | 'citizen';
  username: string | null;
  email: string | null;
  phone: string | null;
  displayName: string;
  unitCode: string | null;
  unitPath: string | null;
  unitLevel: UnitLevel | null;
  orgType: OrgType | null;
  roles: Role[];
  citizenId: string | null;
  status: 'active' | 'disabled';
  passwordHash: string | null;
  failedLogins: number;
  lockouts: number;
  lockedUntil: Date | null;
  totpSecret: string | null;
  totpEnabled: boolean;
  createdAt: Date;
};

type Selected = {
  [K in keyof AccountRow]: AccountRow[K] extends import('kysely').Generated<infer T> ? T : AccountRow[K];
};

export function toAccount(r: Selected): Account {
  return {
    id: r.id,
    kind: r.kind,
    username: r.username,
    email: r.email,
    phone: r.phone,
    displayName: r.display_name,
    unitCode: r.unit_code,
    unitPath: r.unit_path,
    unitLevel: r.unit_level as UnitLevel | null,
    orgType: r.org_type as OrgType | null,
    roles: r.roles as Role[],
    citizenId: r.citizen_id,
    status: r.status,
    passwordHash: r.password_hash,
    failedLogins: r.failed_logins,
    lockouts: r.lockouts,
    lockedUntil: r.locked_until,
    totpSecret: r.totp_secret,
    totpEnabled: r.totp_enabled_at != null,
    createdAt: r.created_at,
  };
}

const dateOrNull = (v: unknown) => (v == null ? null : new Date(v as string));

/** An account row read as JSON (`to_jsonb(account)`, e.g. beside the provider's rows in one statement). */
export function accountFromJson(j: Record<string, unknown>): Account {
  return toAccount({
    ...(j as Selected),
    password_changed_at: dateOrNull(j.password_changed_at),
    locked_until: dateOrNull(j.locked_until),
    totp_enabled_at: dateOrNull(j.totp_enabled_at),
    created_at: new Date(j.created_at as string),
    updated_at: new Date(j.updated_at as string),
  });
}

/** Username, e-mail or phone (Vietnamese numbers in any usual spelling: 0912 345 678, +84912345678). */
export function normaliseIdentifier(raw: string): { kind: 'email' | 'phone' | 'username'; value: string } {
  const v = raw.trim().normalize('NFC');
  if (v.includes('@')) return { kind: 'email', value: v.toLowerCase() };
  const digits = v.replace(/[\s.()-]/g, '');
  if (/^\+?\d{9,12}$/.test(digits)) return { kind: 'phone', value: normalisePhone(digits) };
  return { kind: 'username', value: v.toLowerCase() };
}

export function normalisePhone(p: string): string {
  const d = p.replace(/[\s.()-]/g, '');
  if (d.startsWith('+84')) return `0${d.slice(3)}`;
  if (d.startsWith('84') && d.length === 11) return `0${d.slice(2)}`;
  return d;
}

export async function findAccountByIdentifier(db: IdentityDb, raw: string): Promise<Account | null> {
  const id = normaliseIdentifier(raw);
  let q = db.selectFrom('account').selectAll();
  if (id.kind === 'email') q = q.where(sql`lower(email)`, '=', id.value);
  else if (id.kind === 'phone') q = q.where('phone', '=', id.value);
  else q = q.where(sql`lower(username)`, '=', id.value);
  const row = await q.executeTakeFirst();
  return row ? toAccount(row as Selected) : null;
}

export async function findAccountById(db: IdentityDb, id: string): Promise<Account | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const row = await db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAccount(row as Selected) : null;
}

/** The principal every module sees, built from a staff account. */
export function principalOf(a: Account): Principal {
  if (a.kind !== 'staff' || !a.unitPath || !a.unitCode || !a.unitLevel || !a.orgType) {
    throw new Error('only staff accounts have a staff principal');
  }
  return {
    accountId: a.id,
    displayName: a.displayName,
    unitCode: a.unitCode,
    unitPath: a.unitPath,
    unitLevel: a.unitLevel,
    orgType: a.orgType,
    roles: a.roles,
  };
}
