import { sql } from 'kysely';
import type { Role } from '../../core/auth/principal.ts';
import type { Db } from '../../core/db/database.ts';

/** What another module may know of a staff account: who, where, roles and how to reach them. */
export type StaffAccountCard = {
  id: string;
  displayName: string;
  username: string | null;
  unitCode: string;
  unitPath: string;
  roles: Role[];
  email: string | null;
  phone: string | null;
};

const CARD = sql`id::text AS id, display_name AS "displayName", username, unit_code AS "unitCode",
  unit_path::text AS "unitPath", roles, email, phone`;

/** An active staff account by id (null for citizens, disabled accounts, unknown or malformed ids). */
export async function findStaffAccount(db: Db, id: string): Promise<StaffAccountCard | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const { rows } = await sql<StaffAccountCard>`SELECT ${CARD} FROM account
    WHERE id = ${id}::uuid AND kind = 'staff' AND status = 'active'`.execute(db);
  return rows[0] ?? null;
}

/**
 * Active staff accounts holding a role, whose unit lies in a subtree (`within`) and, when given, on the path
 * above or at a unit (`aboveOrAt`: accounts that may act on that unit's data). Ordered by name.
 */
export async function staffAccountsWithRole(
  db: Db,
  q: { role: Role; within: string; aboveOrAt?: string; orgType?: string; unitCode?: string; limit?: number },
): Promise<StaffAccountCard[]> {
  const { rows } = await sql<StaffAccountCard>`SELECT ${CARD} FROM account
    WHERE kind = 'staff' AND status = 'active' AND ${q.role} = ANY (roles) AND unit_path <@ ${q.within}::ltree
      ${q.aboveOrAt ? sql`AND unit_path @> ${q.aboveOrAt}::ltree` : sql``}
      ${q.orgType ? sql`AND org_type = ${q.orgType}` : sql``}
      ${q.unitCode ? sql`AND unit_code = ${q.unitCode}` : sql``}
    ORDER BY display_name, id LIMIT ${q.limit ?? 200}`.execute(db);
  return rows;
}

/** E-mail and phone of active staff accounts, by id (ids that are not accounts are skipped). */
export async function staffContacts(db: Db, ids: string[]): Promise<StaffAccountCard[]> {
  const uuids = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
  if (!uuids.length) return [];
  const { rows } = await sql<StaffAccountCard>`SELECT ${CARD} FROM account
    WHERE id = ANY (${uuids}::uuid[]) AND kind = 'staff' AND status = 'active'`.execute(db);
  return rows;
}
