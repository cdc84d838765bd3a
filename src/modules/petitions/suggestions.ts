import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import type { CaseRow } from './cases.repo.ts';

export type DuplicateSuggestion = { id: number; title: string; status: string; receivedAt: Date; similarity: number };

/**
 * Possible duplicates of a case: the same receiving unit, received in the 90 days around it, with similar text
 * (pg_trgm similarity of the folded title and content). The unit and date narrow the candidates to a few
 * hundred rows through the (unit_id, received_at) index before any similarity is computed.
 */
export async function suggestDuplicates(db: Db, c: CaseRow, limit = 5): Promise<DuplicateSuggestion[]> {
  const { rows } = await sql<DuplicateSuggestion>`WITH me AS (SELECT vn_fold(${`${c.title} ${c.content}`}) AS f)
    SELECT p.id, p.title, p.status, p.received_at AS "receivedAt",
      similarity(vn_fold(p.title || ' ' || p.content), me.f)::float8 AS similarity
    FROM petition p, me
    WHERE p.unit_id = ${c.unitId} AND p.id <> ${c.id}
      AND p.received_at BETWEEN ${c.receivedAt}::timestamptz - interval '90 days' AND ${c.receivedAt}::timestamptz + interval '90 days'
      AND p.status <> 'rejected'
    ORDER BY similarity DESC LIMIT ${limit}`.execute(db);
  return rows.filter((r) => r.similarity >= 0.3);
}
