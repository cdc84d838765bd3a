import type pg from 'pg';

/** Plain SQL over the hierarchy tables for the hierarchy benchmarks: row counts and the naive baselines. */

export type HierarchyRows = { unit: number; unitVersion: number; organisation: number; total: number };

export async function countHierarchyRows(pool: pg.Pool): Promise<HierarchyRows> {
  const { rows } = await pool.query<Omit<HierarchyRows, 'total'>>(`SELECT
    (SELECT count(*) FROM unit)::int AS unit,
    (SELECT count(*) FROM unit_version)::int AS "unitVersion",
    (SELECT count(*) FROM organisation)::int AS organisation`);
  const r = rows[0]!;
  return { ...r, total: r.unit + r.unitVersion + r.organisation };
}

/**
 * The subtree counts written without the module's structures: a LIKE prefix on the path as text (no ltree
 * operator, so no GiST index) joined to organisation, grouped by level and organisation type, as of a date.
 */
export const NAIVE_SUBTREE_COUNTS = `
  SELECT v.level, o.org_type, count(DISTINCT v.unit_id)::int AS units, count(o.id)::int AS organisations
  FROM unit_version v
  LEFT JOIN organisation o ON o.unit_id = v.unit_id
    AND o.valid_from <= $2::date AND (o.valid_to IS NULL OR o.valid_to > $2::date)
  WHERE (v.path::text = $1 OR v.path::text LIKE $1 || '.%')
    AND v.valid_from <= $2::date AND (v.valid_to IS NULL OR v.valid_to > $2::date)
  GROUP BY v.level, o.org_type`;

/**
 * The national adoption table written as one plain GROUP BY: every commune in force with its villages in force
 * (a self-join on parent_id), per province code, without the module's path scoping or province names.
 */
export const NAIVE_ADOPTION = `
  SELECT c.province_code, count(DISTINCT c.unit_id)::int AS communes,
    count(DISTINCT w.parent_id)::int AS communes_started, count(w.unit_id)::int AS villages
  FROM unit_version c
  LEFT JOIN unit_version w ON w.parent_id = c.unit_id AND w.level = 'village'
    AND w.valid_from <= $1::date AND (w.valid_to IS NULL OR w.valid_to > $1::date)
  WHERE c.level = 'commune' AND c.valid_from <= $1::date AND (c.valid_to IS NULL OR c.valid_to > $1::date)
  GROUP BY c.province_code ORDER BY c.province_code`;
