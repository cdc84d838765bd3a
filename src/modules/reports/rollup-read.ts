import { type QueryExecutorProvider, sql } from 'kysely';
import type { OrgType, UnitLevel } from '../../core/auth/principal.ts';

/**
 * Reading the roll-ups of any set of units. Central, provinces and communes read their maintained rows
 * (adding up the slots of the hot rows); a village
 * has none (see rollups.ts) and reads the raw reports counted under it (the fourth id of `rollup_unit_ids`, indexed
 * with the week) — at most six reports a week, so the answer is as fast and always exact.
 */
type UnitRef = { id: number; level: UnitLevel | string };
type Filter = { weeks: number[]; formCode: string; orgTypes: OrgType[] };

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

/** Sums of accepted values per unit (subtree, the unit included), week, organisation type and indicator. */
export async function readValueRollups(db: QueryExecutorProvider, units: UnitRef[], f: Filter): Promise<ValueRow[]> {
  const { rolled, villages } = split(units);
  const [a, b] = await Promise.all([
    rolled.length
      ? sql<ValueRow>`SELECT unit_id AS "unitId", week, org_type AS "orgType", indicator, sum(value)::bigint AS value
          FROM report_rollup
          WHERE unit_id = ANY(${rolled}::bigint[]) AND week = ANY(${f.weeks}::int[]) AND form_code = ${f.formCode}
            AND ${orgTypeFilter(f.orgTypes)}
          GROUP BY 1, 2, 3, 4`.execute(db)
      : { rows: [] },
    villages.length
      ? sql<ValueRow>`SELECT r.rollup_unit_ids[4] AS "unitId", r.week, r.org_type AS "orgType", v.indicator,
            sum(v.value)::bigint AS value
          FROM report r JOIN report_value v ON v.report_id = r.id
          WHERE r.rollup_unit_ids[4] = ANY(${villages}::bigint[]) AND r.week = ANY(${f.weeks}::int[])
            AND r.form_code = ${f.formCode} AND r.org_type = ANY(${f.orgTypes}::text[]) AND r.status = 'accepted'
          GROUP BY 1, 2, 3, 4`.execute(db)
      : { rows: [] },
  ]);
  return [...a.rows, ...b.rows].map((r) => ({ ...r, unitId: Number(r.unitId), value: Number(r.value) }));
}

/** Reporting counters per unit (subtree, the unit included), week, organisation type and reporting level. */
export async function readStatusRollups(db: QueryExecutorProvider, units: UnitRef[], f: Filter): Promise<StatusRow[]> {
  const { rolled, villages } = split(units);
  const [a, b] = await Promise.all([
    rolled.length
      ? sql<StatusRow>`SELECT unit_id AS "unitId", week, org_type AS "orgType", level, sum(submitted)::int AS submitted,
            sum(on_time)::int AS "onTime", sum(accepted)::int AS accepted, sum(returned)::int AS returned
          FROM report_status_rollup WHERE unit_id = ANY(${rolled}::bigint[]) AND week = ANY(${f.weeks}::int[])
            AND form_code = ${f.formCode} AND ${orgTypeFilter(f.orgTypes)}
          GROUP BY 1, 2, 3, 4`.execute(db)
      : { rows: [] },
    villages.length
      ? sql<StatusRow>`SELECT r.rollup_unit_ids[4] AS "unitId", r.week, r.org_type AS "orgType", r.level,
            count(*)::int AS submitted, (count(*) FILTER (WHERE r.on_time))::int AS "onTime",
            (count(*) FILTER (WHERE r.status = 'accepted'))::int AS accepted,
            (count(*) FILTER (WHERE r.status = 'returned'))::int AS returned
          FROM report r
          WHERE r.rollup_unit_ids[4] = ANY(${villages}::bigint[]) AND r.week = ANY(${f.weeks}::int[])
            AND r.form_code = ${f.formCode} AND r.org_type = ANY(${f.orgTypes}::text[]) AND r.status <> 'draft'
          GROUP BY 1, 2, 3, 4`.execute(db)
      : { rows: [] },
  ]);
  return [...a.rows, ...b.rows].map((r) => ({ ...r, unitId: Number(r.unitId) }));
}
