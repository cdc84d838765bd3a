import { sql } from 'kysely';
import { createOrganisations } from './unit-history.ts';
import { fullUnitName } from './unit-naming.ts';
import type { UnitsDb, UnitsTrx } from './units.db.ts';
import { type VillageInput, villageKey } from './village-rules.ts';

export type VillageRow = {
  code: string;
  path: string;
  parent_id: number;
  province_code: string | null;
  name: string;
  type: string;
  full_name: string;
  sort_order: number;
};

/**
 * Inserts villages with their versions and organisations in three set-based statements, whatever the
 * number of rows (one commune's list or a national batch of the demo generator). Codes already taken
 * are skipped, which makes re-running a deterministic generator harmless. Returns the new unit ids.
 */
export async function insertVillages(
  trx: UnitsTrx,
  rows: VillageRow[],
  validFrom: string,
  isDemo = false,
): Promise<number[]> {
  if (!rows.length) return [];
  const json = JSON.stringify(rows);
  const { rows: created } = await sql<{ id: number }>`INSERT INTO unit (code, level, is_demo)
    SELECT code, 'village', ${isDemo} FROM jsonb_to_recordset(${json}::jsonb) AS r(code text)
    ON CONFLICT (code) DO NOTHING RETURNING id`.execute(trx);
  if (!created.length) return [];
  const ids = created.map((r) => r.id);
  await sql`INSERT INTO unit_version (unit_id, code, level, province_code, parent_id, path, name, type, full_name,
      sort_order, valid_from, is_demo)
    SELECT u.id, r.code, 'village', r.province_code, r.parent_id, r.path::ltree, r.name, r.type, r.full_name,
      r.sort_order, ${validFrom}::date, ${isDemo}
    FROM jsonb_to_recordset(${json}::jsonb) AS r(code text, path text, parent_id bigint, province_code text,
      name text, type text, full_name text, sort_order int)
    JOIN unit u ON u.code = r.code
    JOIN unnest(${ids}::bigint[]) AS ids(id) ON ids.id = u.id`.execute(trx);
  await createOrganisations(trx, ids, validFrom);
  return ids;
}

export type CommuneRef = { id: number; code: string; path: string; provinceCode: string | null };

/**
 * The next free 4-digit number under a commune, past every village it ever had: labels in its paths and the
 * codes it issued (a village dissolved on its first day leaves only its code behind).
 */
export async function nextVillageSeq(trx: UnitsTrx | UnitsDb, communePath: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`WITH c AS (SELECT ltree2text(subpath(${communePath}::ltree, -1)) AS code)
    SELECT greatest(
      (SELECT coalesce(max(ltree2text(subpath(path, nlevel(path) - 1))::int), 0) FROM unit_version
        WHERE path <@ ${communePath}::ltree AND nlevel(path) = nlevel(${communePath}::ltree) + 1),
      (SELECT coalesce(max(right(u.code, 4)::int), 0) FROM unit u, c
        WHERE u.code BETWEEN c.code || '0000' AND c.code || '9999' AND length(u.code) = length(c.code) + 4)
    ) AS n`.execute(trx);
  return (rows[0]?.n ?? 0) + 1;
}

/** Village rows for a commune from clean inputs, numbered from `seq`. */
export function villageRowsFor(
  commune: CommuneRef,
  inputs: (VillageInput & { sortOrder: number })[],
  seq: number,
): VillageRow[] {
  return inputs.map((v, i) => {
    const label = String(seq + i).padStart(4, '0');
    return {
      code: `${commune.code}${label}`,
      path: `${commune.path}.${label}`,
      parent_id: commune.id,
      province_code: commune.provinceCode,
      name: v.name,
      type: v.type,
      full_name: fullUnitName(v.type, v.name),
      sort_order: v.sortOrder,
    };
  });
}

export type ActiveVillage = { id: number; code: string; key: string; sortOrder: number };

/** The commune's villages in force on a date, with their duplicate keys. */
export async function activeVillagesOf(
  db: UnitsTrx | UnitsDb,
  communeId: number,
  date: string,
): Promise<ActiveVillage[]> {
  const { rows } = await sql<{ id: number; code: string; name: string; type: string; sort_order: number }>`
    SELECT unit_id AS id, code, name, type, sort_order FROM unit_version
    WHERE parent_id = ${communeId} AND level = 'village'
      AND valid_from <= ${date}::date AND (valid_to IS NULL OR valid_to > ${date}::date)`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    key: villageKey({ name: r.name, type: r.type as VillageInput['type'] }),
    sortOrder: r.sort_order,
  }));
}

export async function setVillageOrder(trx: UnitsTrx, order: { id: number; sortOrder: number }[]): Promise<void> {
  await sql`UPDATE unit_version v SET sort_order = r.sort_order
    FROM jsonb_to_recordset(${JSON.stringify(order.map((o) => ({ id: o.id, sort_order: o.sortOrder })))}::jsonb)
      AS r(id bigint, sort_order int)
    WHERE v.unit_id = r.id AND v.valid_to IS NULL`.execute(trx);
}
