import { type QueryExecutorProvider, type RawBuilder, sql } from 'kysely';
import type { OrgType, UnitLevel } from '../../core/auth/principal.ts';
import { prepared } from '../../core/db/prepared.ts';
import { todayInVietnam } from '../units/index.ts';

export type ReportStatus = 'draft' | 'submitted' | 'accepted' | 'returned';

/** An organisation in force today at a unit, with what the reports need to know of the unit. */
export type OrgAtUnit = {
  organisationId: number;
  organisationName: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  level: UnitLevel;
  path: string;
  provinceCode: string | null;
  parentId: number | null;
  orgType: OrgType;
  /** ISO week (YYYYWW) the organisation came into being. */
  sinceWeek: number;
};

export async function findOrgAtUnit(
  db: QueryExecutorProvider,
  unitCode: string,
  orgType: OrgType,
  asOf = todayInVietnam(),
): Promise<OrgAtUnit | null> {
  return findOrg(db, unitCode, orgType, asOf, {});
}

/** An organisation with its ancestors, its report for a week as it is now (unlocked), and an id for a new one. */
export type OrgWithReport = OrgAtUnit & { ancestorIds: number[]; report: ReportRow | null; newId: number | null };

/**
 * What a save needs in one round trip: the organisation, the ids of its unit and the unit's ancestors in force
 * (Central first: the roll-up rows a report of this unit is counted in, as `rollupUnitIdsFor`), its report of
 * `formCode` for `week` (not locked: the write that follows checks that it has not changed since) and, when there
 * is none, the id its INSERT will take.
 */
export async function findOrgWithReport(
  db: QueryExecutorProvider,
  unitCode: string,
  orgType: OrgType,
  formCode: string,
  week: number,
): Promise<OrgWithReport | null> {
  const r = await findOrg(db, unitCode, orgType, todayInVietnam(), { ancestors: true, report: { formCode, week } });
  if (!r) return null;
  const { report, newId, ...org } = r as OrgAtUnit & { ancestorIds: number[]; report: unknown; newId: unknown };
  return {
    ...org,
    report: report ? reportFromJson(report as Record<string, unknown>) : null,
    newId: newId == null ? null : Number(newId),
  };
}

async function findOrg(
  db: QueryExecutorProvider,
  unitCode: string,
  orgType: OrgType,
  asOf: string,
  q: { ancestors?: boolean; report?: { formCode: string; week: number } },
): Promise<(OrgAtUnit & { ancestorIds?: number[] }) | null> {
  const { rows } = await prepared(sql<OrgAtUnit & { ancestorIds?: number[] }>`SELECT o.id AS "organisationId",
      o.name AS "organisationName", v.unit_id AS "unitId", v.code AS "unitCode", v.full_name AS "unitName", v.level,
      v.path::text AS path, v.province_code AS "provinceCode", v.parent_id AS "parentId", o.org_type AS "orgType",
      to_char(o.valid_from, 'IYYYIW')::int AS "sinceWeek"
      ${
        q.ancestors
          ? sql`, ARRAY(SELECT a.unit_id FROM unit_version a WHERE a.path @> v.path AND a.valid_from <= ${asOf}::date
              AND (a.valid_to IS NULL OR a.valid_to > ${asOf}::date) ORDER BY nlevel(a.path)) AS "ancestorIds"`
          : sql``
      }
      ${
        q.report
          ? sql`, rep.report, CASE WHEN rep.report IS NULL THEN nextval(pg_get_serial_sequence('report', 'id')) END
              AS "newId"`
          : sql``
      }
    FROM unit_version v JOIN organisation o ON o.unit_id = v.unit_id AND o.org_type = ${orgType}
      AND o.valid_from <= ${asOf}::date AND (o.valid_to IS NULL OR o.valid_to > ${asOf}::date)
    ${
      q.report
        ? sql`LEFT JOIN LATERAL (SELECT row_to_json(x) AS report FROM (SELECT ${REPORT_COLUMNS} FROM report r
            WHERE r.organisation_id = o.id AND r.form_code = ${q.report.formCode} AND r.week = ${q.report.week}) AS x)
            AS rep ON true`
        : sql``
    }
    WHERE v.code = ${unitCode} AND v.valid_from <= ${asOf}::date
      AND (v.valid_to IS NULL OR v.valid_to > ${asOf}::date)`).execute(db);
  const r = rows[0];
  if (!r) return null;
  return {
    ...r,
    organisationId: Number(r.organisationId),
    unitId: Number(r.unitId),
    ...(r.ancestorIds ? { ancestorIds: r.ancestorIds.map(Number) } : {}),
  };
}

export type ReportRow = {
  id: number;
  formId: number;
  formCode: string;
  organisationId: number;
  unitId: number;
  orgType: OrgType;
  level: UnitLevel;
  week: number;
  status: ReportStatus;
  narratives: Record<string, string>;
  firstSubmittedAt: Date | null;
  submittedAt: Date | null;
  onTime: boolean | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  returnComment: string | null;
  reopened: boolean;
  rollupUnitIds: number[] | null;
  revision: number;
  updatedAt: Date;
};

export const REPORT_COLUMNS = sql`r.id, r.form_id AS "formId", r.form_code AS "formCode",
  r.organisation_id AS "organisationId", r.unit_id AS "unitId", r.org_type AS "orgType", r.level, r.week, r.status,
  r.narratives, r.first_submitted_at AS "firstSubmittedAt", r.submitted_at AS "submittedAt", r.on_time AS "onTime",
  r.decided_at AS "decidedAt", r.decided_by AS "decidedBy", r.return_comment AS "returnComment", r.reopened,
  r.rollup_unit_ids AS "rollupUnitIds", r.revision, r.updated_at AS "updatedAt"`;

export function fix(r: ReportRow): ReportRow {
  return {
    ...r,
    id: Number(r.id),
    formId: Number(r.formId),
    organisationId: Number(r.organisationId),
    unitId: Number(r.unitId),
    rollupUnitIds: r.rollupUnitIds?.map(Number) ?? null,
  };
}

/** A report row that came through row_to_json: its instants are strings there. */
function reportFromJson(j: Record<string, unknown>): ReportRow {
  const at = (v: unknown) => (v == null ? null : new Date(v as string));
  return fix({
    ...(j as ReportRow),
    firstSubmittedAt: at(j.firstSubmittedAt),
    submittedAt: at(j.submittedAt),
    decidedAt: at(j.decidedAt),
    updatedAt: at(j.updatedAt) as Date,
  });
}

export async function findReport(
  db: QueryExecutorProvider,
  organisationId: number,
  formCode: string,
  week: number,
  forUpdate = false,
): Promise<ReportRow | null> {
  const { rows } = await sql<ReportRow>`SELECT ${REPORT_COLUMNS} FROM report r
    WHERE r.organisation_id = ${organisationId} AND r.form_code = ${formCode} AND r.week = ${week}
    ${forUpdate ? sql`FOR UPDATE` : sql``}`.execute(db);
  return rows[0] ? fix(rows[0]) : null;
}

export async function findReportById(db: QueryExecutorProvider, id: number, forUpdate = false) {
  const { rows } = await sql<ReportRow>`SELECT ${REPORT_COLUMNS} FROM report r WHERE r.id = ${id}
    ${forUpdate ? sql`FOR UPDATE` : sql``}`.execute(db);
  return rows[0] ? fix(rows[0]) : null;
}

export async function reportValues(db: QueryExecutorProvider, reportId: number): Promise<Record<string, number>> {
  const { rows } = await sql<{ indicator: string; value: number }>`SELECT indicator, value FROM report_value
    WHERE report_id = ${reportId}`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.indicator, Number(r.value)]));
}

export async function recordEvent(
  db: QueryExecutorProvider,
  reportId: number,
  actor: { accountId: string; displayName: string } | null,
  action: string,
  comment: string | null = null,
) {
  await eventInsert(reportId, actor, action, comment).execute(db);
}

/** The INSERT that `recordEvent` runs, for a transition that writes it as a part (CTE) of one statement. */
export function eventInsert(
  reportId: number,
  actor: { accountId: string; displayName: string } | null,
  action: string,
  comment: string | null = null,
) {
  return sql`INSERT INTO report_event (report_id, actor_id, actor_name, action, comment)
    VALUES (${reportId}, ${actor?.accountId ?? null}, ${actor?.displayName ?? null}, ${action}, ${comment})`;
}

/**
 * A report's values replaced, as parts (CTEs) of one statement: dropped indicators deleted, the others written.
 * `fresh`: the report is inserted by the same statement, so there is nothing to delete or update.
 */
export function valuesWrite(reportId: number, values: Map<string, number>, fresh: boolean): RawBuilder<unknown>[] {
  const keys = [...values.keys()];
  const parts: RawBuilder<unknown>[] = [];
  if (!fresh)
    parts.push(sql`vd AS (DELETE FROM report_value WHERE report_id = ${reportId}
      AND NOT (indicator = ANY(${keys}::text[])))`);
  if (keys.length)
    parts.push(sql`vi AS (INSERT INTO report_value AS t (report_id, indicator, value)
      SELECT ${reportId}, k, v FROM unnest(${keys}::text[], ${[...values.values()]}::bigint[]) AS x(k, v)
      ${fresh ? sql`` : sql`ON CONFLICT (report_id, indicator) DO UPDATE SET value = excluded.value`})`);
  return parts;
}

export type ReportEvent = { at: Date; actorName: string | null; action: string; comment: string | null };

export async function reportEvents(db: QueryExecutorProvider, reportId: number): Promise<ReportEvent[]> {
  const { rows } = await sql<ReportEvent>`SELECT at, actor_name AS "actorName", action, comment FROM report_event
    WHERE report_id = ${reportId} ORDER BY id`.execute(db);
  return rows;
}

/**
 * The current path of the unit a report counts under (following merges), for access checks: a column of a query
 * over `report r`.
 */
export function reportUnitPathColumn(today = todayInVietnam()) {
  return sql`(SELECT v.path::text FROM unit_version v
    WHERE v.unit_id = ANY(CASE WHEN cardinality(r.rollup_unit_ids) > 0 THEN r.rollup_unit_ids ELSE ARRAY[r.unit_id] END)
      AND v.valid_from <= ${today}::date AND (v.valid_to IS NULL OR v.valid_to > ${today}::date)
    ORDER BY nlevel(v.path) DESC LIMIT 1)`;
}
