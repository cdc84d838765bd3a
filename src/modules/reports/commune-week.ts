import { type QueryExecutorProvider, sql } from 'kysely';
import type { OrgType } from '../../core/auth/principal.ts';
import { prepared } from '../../core/db/prepared.ts';
import { todayInVietnam } from '../units/index.ts';
import type { ReportForm } from './forms.ts';
import { orgTypeFilter, type StatusRow, type ValueRow, type VillageReport } from './rollup-read.ts';
import type { MissingOrganisation } from './synthesis.ts';

export type CommuneWeek = {
  /** The commune's roll-ups (its subtree, itself included), per organisation type and indicator. */
  totals: Omit<ValueRow, 'unitId' | 'week'>[];
  /** The commune's reporting counters (its subtree), per organisation type and level. */
  counts: Omit<StatusRow, 'unitId' | 'week'>[];
  /** Expected reports: the commune's per organisation type and level; each village's summed ('all'). */
  expected: { unitId: number; orgType: string; level: string; n: number }[];
  /** The commune's own reports (any state) with their values. */
  own: { orgType: string; status: string; indicator: string | null; value: number | null }[];
  /** Every report its villages sent this week (not drafts), with the figures of the accepted ones. */
  reports: VillageReport[];
  /** The villages' organisations in force that were due this week (`missingChildren`). */
  organisations: MissingOrganisation[];
};

const list = (q: ReturnType<typeof sql>) => sql`(SELECT coalesce(json_agg(t), '[]') FROM (${q}) t)`;

/**
 * Everything a commune's dashboard reads for a week, in one statement: PGlite runs a request's statements one after
 * another on its single connection and pays a fixed cost for each, so the seven reads the synthesis of a higher
 * level makes in parallel are one round trip here (each part is the same query the general path runs).
 */
export async function readCommuneWeek(
  db: QueryExecutorProvider,
  communeId: number,
  villages: number[],
  week: number,
  form: ReportForm,
  orgs: OrgType[],
): Promise<CommuneWeek> {
  const today = todayInVietnam();
  const { rows } = await prepared(sql<CommuneWeek>`SELECT
    ${list(sql`SELECT org_type AS "orgType", indicator, sum(value)::bigint AS value FROM report_rollup
      WHERE unit_id = ${communeId} AND week = ${week} AND form_code = ${form.code} AND ${orgTypeFilter(orgs)}
      GROUP BY 1, 2`)} AS totals,
    ${list(sql`SELECT org_type AS "orgType", level, sum(submitted)::int AS submitted, sum(on_time)::int AS "onTime",
        sum(accepted)::int AS accepted, sum(returned)::int AS returned
      FROM report_status_rollup WHERE unit_id = ${communeId} AND week = ${week} AND form_code = ${form.code}
        AND ${orgTypeFilter(orgs)}
      GROUP BY 1, 2`)} AS counts,
    ${list(sql`SELECT unit_id AS "unitId", CASE WHEN unit_id = ${communeId} THEN org_type ELSE 'all' END AS "orgType",
        CASE WHEN unit_id = ${communeId} THEN level ELSE 'all' END AS level, sum(count)::int AS n
      FROM report_expected
      WHERE unit_id = ANY(${[communeId, ...villages]}::bigint[]) AND from_week <= ${week} AND ${orgTypeFilter(orgs)}
        AND (level = ANY(${form.levels}::text[])) IS TRUE
      GROUP BY 1, 2, 3`)} AS expected,
    ${list(sql`SELECT r.org_type AS "orgType", r.status, v.indicator, v.value
      FROM report r LEFT JOIN report_value v ON v.report_id = r.id
      WHERE r.unit_id = ${communeId} AND r.week = ${week} AND r.form_code = ${form.code}
        AND r.org_type = ANY(${orgs}::text[])`)} AS own,
    ${list(sql`SELECT r.rollup_unit_ids[4] AS "unitId", r.organisation_id AS "organisationId", r.org_type AS "orgType",
        r.level, r.status, r.on_time AS "onTime", r.narratives,
        CASE WHEN r.status = 'accepted' THEN r.figures END AS values
      FROM report r
      WHERE r.rollup_unit_ids[4] = ANY(${villages}::bigint[]) AND r.week = ${week} AND r.form_code = ${form.code}
        AND r.org_type = ANY(${orgs}::text[]) AND r.status <> 'draft'`)} AS reports,
    ${list(sql`SELECT v.code, v.full_name AS name, o.org_type AS "orgType", o.id AS "organisationId"
      FROM unit_version v JOIN organisation o ON o.unit_id = v.unit_id
        AND o.valid_from <= ${today}::date AND (o.valid_to IS NULL OR o.valid_to > ${today}::date)
      WHERE v.unit_id = ANY(${villages}::bigint[])
        AND v.valid_from <= ${today}::date AND (v.valid_to IS NULL OR v.valid_to > ${today}::date)
        AND o.org_type = ANY(${orgs}::text[]) AND to_char(o.valid_from, 'IYYYIW')::int <= ${week}
      ORDER BY v.sort_order, v.code, o.org_type`)} AS organisations`).execute(db);
  return rows[0]!;
}
