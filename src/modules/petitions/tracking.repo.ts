import type { Database } from '../../core/db/database.ts';
import { preparedQuery } from './prepared.ts';
import { hashTrackingCode, normaliseTrackingCode } from './tracking-code.ts';

/** What the tracking API tells the holder of a code: the case's progress, never the sender's details. */
export type TrackedCase = {
  title: string;
  status: string;
  unitCode: string;
  category: string;
  receivedAt: Date;
  dueDate: string | null;
  answer: string | null;
  answeredAt: Date | null;
  rating: number | null;
};

const TRACKED = `SELECT title, status, unit_code AS "unitCode", category, received_at AS "receivedAt", due_date AS "dueDate",
  answer_text AS answer, answered_at AS "answeredAt", rating FROM petition WHERE code_hash = $1`;

/**
 * The tracking lookup: one prepared query on the unique code_hash index, only the columns the answer carries.
 * A malformed code is not looked up at all.
 */
export async function findTrackedCase(database: Database, input: string): Promise<TrackedCase | null> {
  const code = normaliseTrackingCode(input);
  if (!code) return null;
  const rows = await preparedQuery<TrackedCase>(database, 'petitions-track', TRACKED, [hashTrackingCode(code)]);
  return rows[0] ?? null;
}
