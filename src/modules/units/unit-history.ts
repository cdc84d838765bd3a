import { sql } from 'kysely';
import { AppError } from '../../core/http/errors.ts';
import { compareVi, formatDate } from '../../core/i18n/format.ts';
import { fullUnitName } from './unit-naming.ts';
import type { UnitsTrx } from './units.db.ts';

type OpenVersion = {
  id: number;
  unit_id: number;
  valid_from: string;
  name: string;
  type: string;
  path: string;
  level: string;
};

export async function openVersionOf(trx: UnitsTrx, unitId: number): Promise<OpenVersion> {
  const { rows } = await sql<OpenVersion>`SELECT id, unit_id, valid_from, name, type, path::text AS path, level
    FROM unit_version WHERE unit_id = ${unitId} AND valid_to IS NULL FOR UPDATE`.execute(trx);
  if (!rows[0]) throw new AppError('NOT_FOUND');
  return rows[0];
}

function assertNotBefore(open: OpenVersion, effective: string): void {
  if (effective < open.valid_from) {
    throw new AppError('UNIT_EFFECTIVE_BEFORE_CURRENT', { params: { date: formatDate(open.valid_from) } });
  }
}

/**
 * Changes a unit's name or type from `effective` on: the open version ends there and a new one starts,
 * so the old state stays readable. A change on the day the open version started replaces it in place.
 * Organisation names follow the unit's latest version.
 */
export async function reviseUnit(
  trx: UnitsTrx,
  unitId: number,
  change: { name?: string; type?: string },
  effective: string,
  legalBasis: string | null,
): Promise<void> {
  const open = await openVersionOf(trx, unitId);
  assertNotBefore(open, effective);
  const name = change.name ?? open.name;
  const type = change.type ?? open.type;
  const fullName = fullUnitName(type, name);
  if (open.valid_from === effective) {
    await sql`UPDATE unit_version SET name = ${name}, type = ${type}, full_name = ${fullName},
      legal_basis = coalesce(${legalBasis}, legal_basis) WHERE id = ${open.id}`.execute(trx);
  } else {
    await sql`UPDATE unit_version SET valid_to = ${effective}::date WHERE id = ${open.id}`.execute(trx);
    await sql`INSERT INTO unit_version (unit_id, code, level, province_code, parent_id, path, name, type, full_name,
        sort_order, valid_from, legal_basis, is_demo)
      SELECT unit_id, code, level, province_code, parent_id, path, ${name}, ${type}, ${fullName}, sort_order,
        ${effective}::date, ${legalBasis}, is_demo
      FROM unit_version WHERE id = ${open.id}`.execute(trx);
  }
  await sql`UPDATE organisation SET name = organisation_name(org_type, ${open.level}, ${type}, ${name})
    WHERE unit_id = ${unitId} AND valid_to IS NULL`.execute(trx);
}

/**
 * Moves a unit and its whole open subtree under a new parent from `effective` on, rewriting every path
 * (`newPath` is the unit's own new path) and the province code carried by the subtree and its organisations.
 */
export async function moveSubtree(
  trx: UnitsTrx,
  unitId: number,
  target: { parentId: number; path: string; provinceCode: string | null },
  effective: string,
  legalBasis: string,
): Promise<void> {
  const open = await openVersionOf(trx, unitId);
  assertNotBefore(open, effective);
  const oldPath = open.path;
  const newPathOf = sql`CASE WHEN path = ${oldPath}::ltree THEN ${target.path}::ltree
    ELSE ${target.path}::ltree || subpath(path, nlevel(${oldPath}::ltree)) END`;
  // Versions that start on or after the effective day are rewritten in place (they only ever existed in
  // the new place); older ones end there and get a successor version.
  await sql`UPDATE unit_version SET path = ${newPathOf}, province_code = ${target.provinceCode},
      parent_id = CASE WHEN unit_id = ${unitId} THEN ${target.parentId} ELSE parent_id END,
      legal_basis = ${legalBasis}
    WHERE path <@ ${oldPath}::ltree AND valid_to IS NULL AND valid_from >= ${effective}::date`.execute(trx);
  await sql`WITH closed AS (
      UPDATE unit_version SET valid_to = ${effective}::date
      WHERE path <@ ${oldPath}::ltree AND valid_to IS NULL AND valid_from < ${effective}::date
      RETURNING *)
    INSERT INTO unit_version (unit_id, code, level, province_code, parent_id, path, name, type, full_name,
      sort_order, valid_from, legal_basis, is_demo)
    SELECT unit_id, code, level, ${target.provinceCode},
      CASE WHEN unit_id = ${unitId} THEN ${target.parentId} ELSE parent_id END, ${newPathOf},
      name, type, full_name, sort_order, ${effective}::date, ${legalBasis}, is_demo
    FROM closed`.execute(trx);
  await sql`UPDATE organisation o SET province_code = ${target.provinceCode}
    FROM unit_version v WHERE v.unit_id = o.unit_id AND v.valid_to IS NULL AND v.path <@ ${target.path}::ltree
      AND o.valid_to IS NULL`.execute(trx);
}

/**
 * Ends a unit (and its open subtree and their organisations) at `effective`; nothing that existed before
 * that day is deleted. A version or organisation that would only have started that day is dropped.
 */
export async function endSubtree(trx: UnitsTrx, unitId: number, effective: string): Promise<void> {
  const open = await openVersionOf(trx, unitId);
  assertNotBefore(open, effective);
  const { rows } = await sql<{ unit_id: number }>`SELECT unit_id FROM unit_version
    WHERE path <@ ${open.path}::ltree AND valid_to IS NULL`.execute(trx);
  const ids = rows.map((r) => r.unit_id);
  for (const table of ['unit_version', 'organisation'] as const) {
    const t = sql.table(table);
    await sql`DELETE FROM ${t} WHERE unit_id = ANY(${ids}::bigint[]) AND valid_to IS NULL
      AND valid_from >= ${effective}::date`.execute(trx);
    await sql`UPDATE ${t} SET valid_to = ${effective}::date
      WHERE unit_id = ANY(${ids}::bigint[]) AND valid_to IS NULL`.execute(trx);
  }
}

/** Creates the organisations of units (by id) from `validFrom`, with their official names. */
export async function createOrganisations(trx: UnitsTrx, unitIds: number[], validFrom: string): Promise<void> {
  if (!unitIds.length) return;
  await sql`INSERT INTO organisation (unit_id, org_type, name, province_code, valid_from, is_demo)
    SELECT v.unit_id, t.org_type, organisation_name(t.org_type, v.level, v.type, v.name), v.province_code,
      ${validFrom}::date, v.is_demo
    FROM unnest(${unitIds}::bigint[]) AS ids(id)
    JOIN unit_version v ON v.unit_id = ids.id AND v.valid_to IS NULL
    CROSS JOIN unnest(ARRAY['front','trade_union','youth_union','womens_union','farmers_union','veterans']) AS t(org_type)
    WHERE true
      AND NOT (v.level = 'village' AND t.org_type = 'trade_union')`.execute(trx);
}

/** Provinces and communes are listed in Vietnamese order of their names; a reorganisation re-ranks siblings. */
export async function resortChildren(trx: UnitsTrx, parentId: number): Promise<void> {
  const { rows } = await sql<{ unit_id: number; name: string; code: string }>`SELECT unit_id, name, code
    FROM unit_version WHERE parent_id = ${parentId} AND valid_to IS NULL AND level <> 'village'`.execute(trx);
  if (!rows.length) return;
  rows.sort((a, b) => compareVi(a.name, b.name) || a.code.localeCompare(b.code));
  const order = JSON.stringify(rows.map((r, i) => ({ id: r.unit_id, sort_order: i })));
  await sql`UPDATE unit_version v SET sort_order = r.sort_order
    FROM jsonb_to_recordset(${order}::jsonb) AS r(id bigint, sort_order int)
    WHERE v.unit_id = r.id AND v.valid_to IS NULL`.execute(trx);
}
