import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import { compareVi } from '../../core/i18n/format.ts';
import { createOrganisations, reviseUnit } from './unit-history.ts';
import { BASELINE_DATE, CENTRAL_CODE, CENTRAL_PATH, fullUnitName } from './unit-naming.ts';
import { type UnitsDb, unitsDb } from './units.db.ts';

/** The project's own copy of the data (see reference/admin-units/SOURCE.md); the product reads only this. */
export const REFERENCE_DIR = path.resolve(import.meta.dirname, '../../../reference/admin-units');
const DATASET = 'admin-units/2025-07-01+changes';
const BASELINE_LEGAL_BASIS = 'Quyết định 19/2025/QĐ-TTg';
// Any constant; every process loading reference data into the same database takes this lock.
const LOAD_LOCK_KEY = 7_231_941_010;

type ProvinceRow = { code: string; name: string; type: string };
type CommuneRow = ProvinceRow & { province_code: string };
export type ChangeRow = {
  level: 'province' | 'commune';
  code: string;
  name: string;
  field: string;
  old_value: string;
  new_value: string;
  legal_basis: string;
  effective: string;
};

export function readCsv<T>(file: string, dir = REFERENCE_DIR): T[] {
  return parse(readFileSync(path.join(dir, file), 'utf8'), { columns: true, skip_empty_lines: true, trim: true });
}

/**
 * The effective date of a change. Two source rows give none ("unknown (patch released 2026-09-20)");
 * for those the first date written in the note is used: the release of the data that recorded them.
 */
export function changeEffectiveDate(raw: string): string {
  const m = /\d{4}-\d{2}-\d{2}/.exec(raw);
  if (!m) throw new Error(`No date in the effective column: ${raw}`);
  return m[0];
}

type BaselineUnit = {
  code: string;
  level: string;
  province_code: string | null;
  parent_code: string | null;
  path: string;
  name: string;
  type: string;
  full_name: string;
  sort_order: number;
};

function baselineUnits(dir: string): BaselineUnit[] {
  const provinces = readCsv<ProvinceRow>('provinces_2025-07-01.csv', dir);
  const communes = readCsv<CommuneRow>('communes_2025-07-01.csv', dir);
  const rank = <T extends { name: string; code: string }>(rows: T[]) =>
    new Map([...rows].sort((a, b) => compareVi(a.name, b.name) || a.code.localeCompare(b.code)).map((r, i) => [r, i]));
  const provinceRank = rank(provinces);
  const units: BaselineUnit[] = [
    {
      code: CENTRAL_CODE,
      level: 'central',
      province_code: null,
      parent_code: null,
      path: CENTRAL_PATH,
      name: 'Trung ương',
      type: 'trung ương',
      full_name: 'Trung ương',
      sort_order: 0,
    },
  ];
  for (const p of provinces) {
    units.push({
      code: p.code,
      level: 'province',
      province_code: p.code,
      parent_code: CENTRAL_CODE,
      path: `${CENTRAL_PATH}.${p.code}`,
      name: p.name,
      type: p.type,
      full_name: fullUnitName(p.type, p.name),
      sort_order: provinceRank.get(p)!,
    });
  }
  const byProvince = Map.groupBy(communes, (c) => c.province_code);
  for (const [provinceCode, rows] of byProvince) {
    const communeRank = rank(rows);
    for (const c of rows) {
      units.push({
        code: c.code,
        level: 'commune',
        province_code: provinceCode,
        parent_code: provinceCode,
        path: `${CENTRAL_PATH}.${provinceCode}.${c.code}`,
        name: c.name,
        type: c.type,
        full_name: fullUnitName(c.type, c.name),
        sort_order: communeRank.get(c)!,
      });
    }
  }
  return units;
}

function checksumOf(dir: string): string {
  const hash = createHash('sha256');
  for (const f of ['provinces_2025-07-01.csv', 'communes_2025-07-01.csv', 'changes_since_2025-07-01.csv']) {
    hash.update(readFileSync(path.join(dir, f)));
  }
  return hash.digest('hex');
}

export type LoadResult = { loaded: boolean; units: number; changes: number; ms: number };

/**
 * Loads Central, the 34 provinces and 3,321 communes as of 1 July 2025 with their organisations, then
 * applies the dated changes since, as history. Runs once per database: a marker row makes restarts free.
 */
export async function loadReferenceUnits(database: Db | UnitsDb, dir = REFERENCE_DIR): Promise<LoadResult> {
  const db = unitsDb(database);
  const started = performance.now();
  const marker = await db.selectFrom('unit_reference_load').select('checksum').where('dataset', '=', DATASET).execute();
  if (marker.length) return { loaded: false, units: 0, changes: 0, ms: performance.now() - started };
  const units = baselineUnits(dir);
  const changes = readCsv<ChangeRow>('changes_since_2025-07-01.csv', dir);
  const loaded = await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${LOAD_LOCK_KEY})`.execute(trx);
    const again = await trx
      .selectFrom('unit_reference_load')
      .select('dataset')
      .where('dataset', '=', DATASET)
      .execute();
    if (again.length) return false;
    const json = JSON.stringify(units);
    await sql`INSERT INTO unit (code, level)
      SELECT code, level FROM jsonb_to_recordset(${json}::jsonb) AS r(code text, level text)`.execute(trx);
    await sql`INSERT INTO unit_version (unit_id, code, level, province_code, parent_id, path, name, type, full_name,
        sort_order, valid_from, legal_basis)
      SELECT u.id, r.code, r.level, r.province_code, p.id, r.path::ltree, r.name, r.type, r.full_name, r.sort_order,
        ${BASELINE_DATE}::date, ${BASELINE_LEGAL_BASIS}
      FROM jsonb_to_recordset(${json}::jsonb) AS r(code text, level text, province_code text, parent_code text,
        path text, name text, type text, full_name text, sort_order int)
      JOIN unit u ON u.code = r.code
      LEFT JOIN unit p ON p.code = r.parent_code`.execute(trx);
    const { rows } = await sql<{ id: number }>`SELECT id FROM unit`.execute(trx);
    await createOrganisations(
      trx,
      rows.map((r) => r.id),
      BASELINE_DATE,
    );
    const ordered = [...changes].sort((a, b) =>
      changeEffectiveDate(a.effective).localeCompare(changeEffectiveDate(b.effective)),
    );
    const ids = new Map((await trx.selectFrom('unit').select(['id', 'code']).execute()).map((u) => [u.code, u.id]));
    for (const c of ordered) {
      if (c.field !== 'type' && c.field !== 'name') throw new Error(`Unsupported change field ${c.field}`);
      const unitId = ids.get(c.code);
      if (!unitId) throw new Error(`Change for unknown unit ${c.code}`);
      await reviseUnit(trx, unitId, { [c.field]: c.new_value }, changeEffectiveDate(c.effective), c.legal_basis);
    }
    await trx
      .insertInto('unit_reference_load')
      .values({ dataset: DATASET, checksum: checksumOf(dir) })
      .execute();
    return true;
  });
  if (loaded) await sql`ANALYZE unit, unit_version, organisation`.execute(db);
  return {
    loaded,
    units: loaded ? units.length : 0,
    changes: loaded ? changes.length : 0,
    ms: performance.now() - started,
  };
}
