import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';

/**
 * Starts the directory of competent authorities: every province and commune gets its People's Committee and
 * its police, named from the unit's current full name. Units that already have entries are left alone, so staff
 * edits survive restarts. Staff add others (departments, utilities) through the API.
 */
export async function seedAuthorities(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`WITH units AS (
      SELECT DISTINCT ON (v.unit_id) v.unit_id, v.code, v.path, v.type || ' ' || v.name AS full_name FROM unit_version v
      WHERE v.level IN ('province', 'commune') AND v.valid_to IS NULL
        AND NOT EXISTS (SELECT 1 FROM petition_authority a WHERE a.unit_id = v.unit_id)
      ORDER BY v.unit_id, v.valid_from DESC),
    ins AS (INSERT INTO petition_authority (unit_id, unit_code, unit_path, name)
      SELECT unit_id, code, path, k.prefix || full_name FROM units,
        (VALUES ('Ủy ban nhân dân '), ('Công an ')) AS k(prefix)
      ON CONFLICT DO NOTHING RETURNING 1)
    SELECT count(*)::int AS n FROM ins`.execute(db);
  return rows[0]?.n ?? 0;
}
