import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import type { UnitTables } from './units.types.ts';

export type UnitsDb = Kysely<UnitTables>;
export type UnitsTrx = Transaction<UnitTables>;

export function unitsDb(db: Db | UnitsDb): UnitsDb {
  return (db as Db).withTables<UnitTables>() as unknown as UnitsDb;
}

/** The versions in force on a date: valid_from <= d < valid_to. */
export function validOn(alias: string, date: string): RawBuilder<boolean> {
  const v = sql.ref(alias);
  return sql<boolean>`(${v}.valid_from <= ${date}::date AND (${v}.valid_to IS NULL OR ${v}.valid_to > ${date}::date))`;
}

/** Columns of a `Unit` read from unit_version `v` joined to its parent identity `pu`. */
export const UNIT_COLUMNS = sql`v.unit_id AS id, v.code, v.level, v.type, v.name, v.full_name AS "fullName",
  v.path::text AS path, v.parent_id AS "parentId", pu.code AS "parentCode", v.province_code AS "provinceCode",
  v.sort_order AS "sortOrder", v.valid_from AS "validFrom", v.valid_to AS "validTo", v.legal_basis AS "legalBasis"`;
