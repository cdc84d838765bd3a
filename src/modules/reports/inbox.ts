import { sql } from 'kysely';
import { requireRole } from '../../core/auth/policy.ts';
import type { Principal } from '../../core/auth/principal.ts';
import type { Db } from '../../core/db/database.ts';
import { AppError } from '../../core/http/errors.ts';
import { todayInVietnam } from '../units/index.ts';
import { WEEKLY_FORM } from './forms.ts';
import { orgTypesFor, unitByCode } from './synthesis.ts';
import { formatWeek } from './weeks.ts';

export type InboxItem = {
  id: number;
  unitCode: string;
  unitName: string;
  orgType: string;
  week: string;
  status: string;
  submittedAt: Date | null;
  onTime: boolean | null;
  returnComment: string | null;
  values: Record<string, number>;
  narratives: Record<string, string>;
};

/** Reports of the direct subordinates of the account's unit for a week, submitted ones first (accept / return). */
export async function inbox(db: Db, p: Principal | null, week: number, status?: string): Promise<InboxItem[]> {
  requireRole(p, 'approve');
  const unit = await unitByCode(db, p.unitCode);
  if (!unit) throw new AppError('NOT_FOUND');
  const today = todayInVietnam();
  const orgs = orgTypesFor(p);
  const { rows } = await sql<InboxItem & { week: number }>`SELECT r.id, v.code AS "unitCode", v.full_name AS "unitName",
      r.org_type AS "orgType", r.week, r.status, r.submitted_at AS "submittedAt", r.on_time AS "onTime",
      r.return_comment AS "returnComment", r.narratives,
      coalesce((SELECT jsonb_object_agg(x.indicator, x.value) FROM report_value x WHERE x.report_id = r.id), '{}') AS values
    FROM report r JOIN unit_version v ON v.unit_id = r.unit_id AND v.valid_from <= ${today}::date
      AND (v.valid_to IS NULL OR v.valid_to > ${today}::date)
    WHERE v.parent_id = ${unit.id} AND r.week = ${week} AND r.form_code = ${WEEKLY_FORM}
      AND r.org_type = ANY(${orgs}::text[]) AND r.status <> 'draft'
      ${status ? sql`AND r.status = ${status}` : sql``}
    ORDER BY CASE r.status WHEN 'submitted' THEN 0 WHEN 'returned' THEN 1 ELSE 2 END, r.submitted_at, v.sort_order
    LIMIT 1000`.execute(db);
  return rows.map((r) => ({ ...r, id: Number(r.id), week: formatWeek(r.week as unknown as number) }));
}
