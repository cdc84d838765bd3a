import { sql } from 'kysely';
import type { UnitHistory as ShownHistory } from '../../../web/units/history-section.tsx';
import { UNIT_COLUMNS, type UnitsDb } from './units.db.ts';
import type { Unit } from './units.types.ts';

/** The rows are those the history section shows (its props), plus the unit's type. */
export type VersionRow = ShownHistory['versions'][number] & { type: string };
export type SuccessionRow = ShownHistory['successions'][number];

export type UnitHistory = { versions: VersionRow[]; successions: SuccessionRow[] };

/** A unit by code in its latest state, even one that ended or starts in the future; null when unknown. */
export async function findLatestUnit(db: UnitsDb, code: string): Promise<Unit | null> {
  const { rows } = await sql<Unit>`SELECT ${UNIT_COLUMNS} FROM unit_version v LEFT JOIN unit pu ON pu.id = v.parent_id
    WHERE v.code = ${code} ORDER BY v.valid_from DESC LIMIT 1`.execute(db);
  return rows[0] ?? null;
}

/** Every version of a unit (newest first, with its parent's name then) and its merge and split links. */
export async function unitHistory(db: UnitsDb, unitId: number): Promise<UnitHistory> {
  const versions = await sql<VersionRow>`SELECT v.full_name AS "fullName", v.type,
      (SELECT pv.full_name FROM unit_version pv WHERE pv.unit_id = v.parent_id AND pv.valid_from <= v.valid_from
        ORDER BY pv.valid_from DESC LIMIT 1) AS "parentName",
      v.valid_from AS "validFrom", v.valid_to AS "validTo", v.legal_basis AS "legalBasis"
    FROM unit_version v WHERE v.unit_id = ${unitId} ORDER BY v.valid_from DESC`.execute(db);
  const successions = await sql<SuccessionRow>`SELECT s.kind,
      CASE WHEN s.successor_id = ${unitId} THEN 'from' ELSE 'to' END AS direction,
      o.code AS "otherCode",
      (SELECT ov.full_name FROM unit_version ov WHERE ov.unit_id = o.id ORDER BY ov.valid_from DESC LIMIT 1)
        AS "otherName",
      s.effective, s.legal_basis AS "legalBasis"
    FROM unit_succession s
    JOIN unit o ON o.id = CASE WHEN s.successor_id = ${unitId} THEN s.predecessor_id ELSE s.successor_id END
    WHERE s.predecessor_id = ${unitId} OR s.successor_id = ${unitId}
    ORDER BY s.effective DESC, o.code`.execute(db);
  return { versions: versions.rows, successions: successions.rows };
}
