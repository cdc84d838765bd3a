import { type RawBuilder, sql } from 'kysely';
import type { OrgType } from '../../core/auth/principal.ts';
import { orgTypeFilter, type VillageReport } from './rollup-read.ts';
import type { MissingOrganisation, OwnRow } from './synthesis.ts';

/**
 * The queries a synthesis reads, as fragments: the general path runs each as its own statement, a commune's dashboard
 * runs them together as one (`commune-week.ts`), so both read the same thing.
 */

/** A unit version or organisation (alias) in force on `today`. */
export const validToday = (alias: string, today: string) => {
  const v = sql.ref(alias);
  return sql`(${v}.valid_from <= ${today}::date AND (${v}.valid_to IS NULL OR ${v}.valid_to > ${today}::date))`;
};

export type ExpectedRow = { unitId: number; orgType: string; level: string; n: number };

/** Reports expected from the units' subtrees for a week, per organisation type and level (or summed: 'all'). */
export function expectedSql(
  unitIds: number[],
  week: number,
  levels: string[],
  orgs: OrgType[],
  acrossOrgs: boolean,
): RawBuilder<ExpectedRow> {
  const perOrg = (column: string) => (acrossOrgs ? sql`'all'::text` : sql.ref(column));
  return sql<ExpectedRow>`SELECT unit_id AS "unitId", ${perOrg('org_type')} AS "orgType",
      ${perOrg('level')} AS level, sum(count)::int AS n
    FROM report_expected WHERE unit_id = ANY(${unitIds}::bigint[]) AND from_week <= ${week}
      AND ${orgTypeFilter(orgs)} AND (level = ANY(${levels}::text[])) IS TRUE
    GROUP BY 1, 2, 3`;
}

/** A unit's own reports of the week (any state) with their values. */
export const ownReportsSql = (unitId: number, week: number, formCode: string, orgs: OrgType[]) =>
  sql<OwnRow>`SELECT r.org_type AS "orgType", r.status, v.indicator, v.value
    FROM report r LEFT JOIN report_value v ON v.report_id = r.id
    WHERE r.unit_id = ${unitId} AND r.week = ${week} AND r.form_code = ${formCode}
      AND r.org_type = ANY(${orgs}::text[])`;

/**
 * The organisations of some units that owe the week's report (in force today, existing that week); `unless` adds a
 * condition on `o` (the general path leaves out those that have sent it).
 */
export const organisationsDueSql = (
  unitIds: number[],
  week: number,
  orgs: OrgType[],
  today: string,
  unless: RawBuilder<unknown> = sql``,
) =>
  sql<MissingOrganisation>`SELECT v.code, v.full_name AS name, o.org_type AS "orgType", o.id AS "organisationId"
    FROM unit_version v JOIN organisation o ON o.unit_id = v.unit_id AND ${validToday('o', today)}
    WHERE v.unit_id = ANY(${unitIds}::bigint[]) AND ${validToday('v', today)}
      AND o.org_type = ANY(${orgs}::text[]) AND to_char(o.valid_from, 'IYYYIW')::int <= ${week} ${unless}`;

/**
 * Every report sent (not a draft) and counted under some villages (the fourth id of `rollup_unit_ids`) for a week,
 * with the values of the accepted ones (the report's own `figures`, migration 0055).
 */
export const villageReportsSql = (villages: number[], week: number, formCode: string, orgs: OrgType[]) =>
  sql<VillageReport>`SELECT r.rollup_unit_ids[4] AS "unitId", r.organisation_id AS "organisationId",
      r.org_type AS "orgType", r.level, r.status, r.on_time AS "onTime", r.narratives,
      CASE WHEN r.status = 'accepted' THEN r.figures END AS values
    FROM report r
    WHERE r.rollup_unit_ids[4] = ANY(${villages}::bigint[]) AND r.week = ${week} AND r.form_code = ${formCode}
      AND r.org_type = ANY(${orgs}::text[]) AND r.status <> 'draft'`;
