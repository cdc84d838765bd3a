import { sql } from 'kysely';
import { hasRoleFor, scopeFilter } from '../../core/auth/policy.ts';
import type { Principal } from '../../core/auth/principal.ts';
import type { Db } from '../../core/db/database.ts';
import { todayInVietnam } from '../units/index.ts';
import { DEADLINE_STATUSES, type Status } from './state-machine.ts';

export type InboxFilter = {
  status?: Status | undefined;
  category?: string | undefined;
  unit?: string | undefined;
  overdue?: boolean | undefined;
  assignedToMe?: boolean | undefined;
  page: number;
  pageSize: number;
};

export type InboxRow = {
  id: number;
  title: string;
  status: Status;
  category: string;
  unitCode: string;
  unitName: string | null;
  receivedAt: Date;
  dueDate: string | null;
  overdue: boolean;
  assignedName: string | null;
  authorityName: string | null;
};

/**
 * The cases of a handler's subtree. Cases sit at Central, a province or a commune, so a province's subtree is
 * exactly its province code and a commune's its unit code: plain equalities that the (province_code, received_at)
 * and unit indexes serve, and that count fast (an ltree test made the planner intersect two bitmaps: 335 ms to
 * count a national-scale province). Other levels keep the ltree rule.
 */
export function handlerScope(p: Principal) {
  if (p.unitLevel === 'central') return sql`true`;
  if (p.unitLevel === 'province') return sql`p.province_code = ${p.unitCode}`;
  if (p.unitLevel === 'commune') return sql`p.unit_code = ${p.unitCode}`;
  return sql`p.unit_path <@ ${p.unitPath}::ltree`;
}

/**
 * A handler's inbox: cases received by the Fronts in their subtree. An authority's: cases forwarded to
 * the directory entries its account is linked to. Province and commune scopes also filter on the stored province (and unit) code, which
 * the (province_code, received_at) and (unit_id, received_at) indexes serve; the ltree test keeps the rule exact.
 */
export async function listInbox(db: Db, p: Principal, f: InboxFilter): Promise<{ items: InboxRow[]; total: number }> {
  const handler = hasRoleFor(p, 'handle_petition') && scopeFilter(p).orgType === null;
  const today = todayInVietnam();
  const scope = handler
    ? handlerScope(p)
    : // An authority sees the cases forwarded to the directory entries its account is linked to (still in scope).
      sql`p.authority_id IN (SELECT l.authority_id FROM petition_authority_account l WHERE l.account_id = ${p.accountId})
        AND p.authority_path <@ ${p.unitPath}::ltree
        AND p.status IN ('forwarded', 'in_progress', 'answered', 'reopened', 'closed')`;
  const where = sql`${scope}
    ${f.status ? sql`AND p.status = ${f.status}` : sql``}
    ${f.category ? sql`AND p.category = ${f.category}` : sql``}
    ${f.unit ? sql`AND p.unit_code = ${f.unit}` : sql``}
    ${f.overdue ? sql`AND p.due_date < ${today}::date AND p.status IN (${sql.join([...DEADLINE_STATUSES])})` : sql``}
    ${f.assignedToMe ? sql`AND p.assigned_to = ${p.accountId}` : sql``}`;
  const offset = (f.page - 1) * f.pageSize;
  const [{ rows }, count] = await Promise.all([
    sql<InboxRow>`SELECT p.id, p.title, p.status, p.category, p.unit_code AS "unitCode", uv.full_name AS "unitName",
        p.received_at AS "receivedAt", p.due_date AS "dueDate",
        (p.due_date < ${today}::date AND p.status IN (${sql.join([...DEADLINE_STATUSES])})) AS overdue,
        p.assigned_name AS "assignedName", a.name AS "authorityName"
      FROM (SELECT * FROM petition p WHERE ${where} ORDER BY p.received_at DESC, p.id DESC
            LIMIT ${f.pageSize} OFFSET ${offset}) p
      LEFT JOIN petition_authority a ON a.id = p.authority_id
      LEFT JOIN LATERAL (SELECT full_name FROM unit_version v WHERE v.unit_id = p.unit_id
        ORDER BY v.valid_from DESC LIMIT 1) uv ON true
      ORDER BY p.received_at DESC, p.id DESC`.execute(db),
    // Counting stops at 10,000: the pager then shows "10.000+" instead of scanning a whole province.
    sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM petition p WHERE ${where} LIMIT 10001) x`.execute(
      db,
    ),
  ]);
  return { items: rows, total: count.rows[0]?.n ?? 0 };
}
