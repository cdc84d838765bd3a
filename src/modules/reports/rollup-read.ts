import { type QueryExecutorProvider, sql } from 'kysely';
import type { OrgType, UnitLevel } from '../../core/auth/principal.ts';
import { prepared } from '../../core/db/prepared.ts';

/**
 * Reading the roll-ups of any set of units. Central, provinces and communes read their maintained rows
 * (adding up the slots of the hot rows); a village
 * has none (see rollups.ts) and reads the raw reports counted under it (the fourth id of `rollup_unit_ids`, indexed
 * with the week) — at most six reports a week, so the answer is as fast and always exact.
 */
type UnitRef = { id: number; level: UnitLevel | string };
/**
 * `acrossOrgs`: the organisation types (and for counters the reporting levels) summed together, returned as 'all' —
 * what a breakdown by child unit shows, in a sixth to an eighteenth of the rows (PGlite pays for every row it hands
 * over: Central's 34 provinces came back as 1,428 value rows and 568 counter rows).
 */
export type Filter = { weeks: number[]; formCode: string; orgTypes: OrgType[]; acrossOrgs?: boolean };

/** The column, or 'all' when the filter sums across organisation types. */
const perOrg = (f: Filter, column: string) => (f.acrossOrgs ? sql`'all'::text` : sql.ref(column));

export type ValueRow = { unitId: number; week: number; orgType: string; indicator: string; value: number };
export type StatusRow = {
  unitId: number;
  week: number;
  orgType: string;
  level: string;
  submitted: number;
  onTime: number;
  accepted: number;
  returned: number;
};

/**
 * `org_type = ANY(…)` for several types is not an index condition: on PostgreSQL 15 every array element is its own
 * descent of the primary key (34 provinces × 6 organisations = 204), while the unit and week alone find each unit's
 * rows in one contiguous range; the types are then a plain filter. One type stays an index condition.
 */
export const orgTypeFilter = (orgTypes: OrgType[]) =>
  orgTypes.length > 1 ? sql`(org_type = ANY(${orgTypes}::text[])) IS TRUE` : sql`org_type = ANY(${orgTypes}::text[])`;

const split = (units: UnitRef[]) => ({
  rolled: units.filter((u) => u.level !== 'village').map((u) => u.id),
  villages: units.filter((u) => u.level === 'village').map((u) => u.id),
});

/** The maintained value roll-ups of units that have them (not villages), as `readValueRollups` reads them. */
export const valueRollupSql = (rolled: number[], f: Filter) =>
  sql<ValueRow>`SELECT unit_id AS "unitId", week, ${perOrg(f, 'org_type')} AS "orgType", indicator,
      sum(value)::bigint AS value
    FROM report_rollup
    WHERE unit_id = ANY(${rolled}::bigint[]) AND week = ANY(${f.weeks}::int[]) AND form_code = ${f.formCode}
      AND ${orgTypeFilter(f.orgTypes)}
    GROUP BY 1, 2, 3, 4`;

/** The maintained reporting counters of units that have them (not villages), as `readStatusRollups` reads them. */
export const statusRollupSql = (rolled: number[], f: Filter) =>
  sql<StatusRow>`SELECT unit_id AS "unitId", week, ${perOrg(f, 'org_type')} AS "orgType",
      ${perOrg(f, 'level')} AS level, sum(submitted)::int AS submitted,
      sum(on_time)::int AS "onTime", sum(accepted)::int AS accepted, sum(returned)::int AS returned
    FROM report_status_rollup WHERE unit_id = ANY(${rolled}::bigint[]) AND week = ANY(${f.weeks}::int[])
      AND form_code = ${f.formCode} AND ${orgTypeFilter(f.orgTypes)}
    GROUP BY 1, 2, 3, 4`;

/** Sums of accepted values per unit (subtree, the unit included), week, organisation type and indicator. */
export async function readValueRollups(db: QueryExecutorProvider, units: UnitRef[], f: Filter): Promise<ValueRow[]> {
  const { rolled, villages } = split(units);
  const [a, b] = await Promise.all([
    rolled.length ? prepared(valueRollupSql(rolled, f)).execute(db) : { rows: [] },
    villages.length
      ? prepared(sql<ValueRow>`SELECT r.rollup_unit_ids[4] AS "unitId", r.week, ${perOrg(f, 'r.org_type')} AS "orgType",
            v.indicator,
            sum(v.value)::bigint AS value
          FROM report r JOIN report_value v ON v.report_id = r.id
          WHERE r.rollup_unit_ids[4] = ANY(${villages}::bigint[]) AND r.week = ANY(${f.weeks}::int[])
            AND r.form_code = ${f.formCode} AND r.org_type = ANY(${f.orgTypes}::text[]) AND r.status = 'accepted'
          GROUP BY 1, 2, 3, 4`).execute(db)
      : { rows: [] },
  ]);
  return [...a.rows, ...b.rows].map((r) => ({ ...r, unitId: Number(r.unitId), value: Number(r.value) }));
}

/** Reporting counters per unit (subtree, the unit included), week, organisation type and reporting level. */
export async function readStatusRollups(db: QueryExecutorProvider, units: UnitRef[], f: Filter): Promise<StatusRow[]> {
  const { rolled, villages } = split(units);
  const [a, b] = await Promise.all([
    rolled.length ? prepared(statusRollupSql(rolled, f)).execute(db) : { rows: [] },
    villages.length
      ? prepared(sql<StatusRow>`SELECT r.rollup_unit_ids[4] AS "unitId", r.week, ${perOrg(f, 'r.org_type')} AS "orgType",
            ${perOrg(f, 'r.level')} AS level,
            count(*)::int AS submitted, (count(*) FILTER (WHERE r.on_time))::int AS "onTime",
            (count(*) FILTER (WHERE r.status = 'accepted'))::int AS accepted,
            (count(*) FILTER (WHERE r.status = 'returned'))::int AS returned
          FROM report r
          WHERE r.rollup_unit_ids[4] = ANY(${villages}::bigint[]) AND r.week = ANY(${f.weeks}::int[])
            AND r.form_code = ${f.formCode} AND r.org_type = ANY(${f.orgTypes}::text[]) AND r.status <> 'draft'
          GROUP BY 1, 2, 3, 4`).execute(db)
      : { rows: [] },
  ]);
  return [...a.rows, ...b.rows].map((r) => ({ ...r, unitId: Number(r.unitId) }));
}

/**
 * A report sent (not a draft) and counted under a village (the fourth id of `rollup_unit_ids`), with its values while
 * accepted (the report's own `figures`, migration 0055); read by `readCommuneWeek`.
 */
export type VillageReport = {
  unitId: number;
  organisationId: number;
  orgType: string;
  level: string;
  status: string;
  onTime: boolean | null;
  narratives: Record<string, string>;
  values: Record<string, number> | null;
};

/** `readValueRollups` of the villages, from their reports of the week. */
export function villageValueRows(reports: VillageReport[], week: number): ValueRow[] {
  const sums = new Map<string, ValueRow>();
  for (const r of reports) {
    for (const [indicator, value] of Object.entries(r.values ?? {})) {
      const key = `${r.unitId}|${r.orgType}|${indicator}`;
      const row = sums.get(key) ?? { unitId: r.unitId, week, orgType: r.orgType, indicator, value: 0 };
      row.value += Number(value);
      sums.set(key, row);
    }
  }
  return [...sums.values()];
}

/** `readStatusRollups` of the villages, from their reports of the week. */
export function villageStatusRows(reports: VillageReport[], week: number): StatusRow[] {
  const counts = new Map<string, StatusRow>();
  for (const r of reports) {
    const key = `${r.unitId}|${r.orgType}|${r.level}`;
    const row = counts.get(key) ?? {
      unitId: r.unitId,
      week,
      orgType: r.orgType,
      level: r.level,
      submitted: 0,
      onTime: 0,
      accepted: 0,
      returned: 0,
    };
    row.submitted += 1;
    if (r.onTime) row.onTime += 1;
    if (r.status === 'accepted') row.accepted += 1;
    if (r.status === 'returned') row.returned += 1;
    counts.set(key, row);
  }
  return [...counts.values()];
}
