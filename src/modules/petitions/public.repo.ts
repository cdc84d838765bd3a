import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import { foldVietnamese } from '../../core/i18n/format.ts';

export type PublicCase = {
  id: number;
  title: string;
  content: string;
  answer: string;
  status: string;
  category: string;
  unitCode: string;
  unitName: string;
  provinceCode: string | null;
  provinceName: string | null;
  senderName: string | null;
  receivedAt: Date;
  answeredAt: Date | null;
  publishedAt: Date;
  answeredBy: string | null;
  rating: number | null;
  showPhotos: boolean;
  latitude: number | null;
  longitude: number | null;
};

/**
 * Columns a public page may ever see. The sender's name only when not hidden; phone, e-mail, citizen ID, IP and
 * the tracking code are never selected here.
 */
const PUBLIC_COLUMNS = sql`p.id, p.public_title AS title, p.public_content AS content, p.public_answer AS answer, p.status,
  p.category, p.unit_code AS "unitCode", uv.full_name AS "unitName", p.province_code AS "provinceCode",
  pv.full_name AS "provinceName", CASE WHEN p.hide_name THEN NULL ELSE p.sender_name END AS "senderName",
  p.received_at AS "receivedAt", p.answered_at AS "answeredAt", p.published_at AS "publishedAt",
  p.answered_by AS "answeredBy", p.rating, p.public_show_photos AS "showPhotos", p.latitude, p.longitude`;

const UNIT_JOINS = sql`LEFT JOIN LATERAL (SELECT full_name FROM unit_version v WHERE v.unit_id = p.unit_id
    ORDER BY v.valid_from DESC LIMIT 1) uv ON true
  LEFT JOIN LATERAL (SELECT full_name FROM unit_version v WHERE v.code = p.province_code AND v.level = 'province'
    ORDER BY v.valid_from DESC LIMIT 1) pv ON true`;

export type PublicFilter = {
  q?: string | undefined;
  province?: string | undefined;
  unit?: string | undefined;
  category?: string | undefined;
  status?: string | undefined;
  /** Received on or after / before (Open311 start_date, end_date). */
  from?: Date | undefined;
  to?: Date | undefined;
  page: number;
  pageSize: number;
};

export async function listPublished(db: Db, f: PublicFilter): Promise<{ items: PublicCase[]; total: number }> {
  const q = f.q ? foldVietnamese(f.q).slice(0, 100) : '';
  const where = sql`p.published
    ${q ? sql`AND p.public_folded LIKE ${`%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}` : sql``}
    ${f.province ? sql`AND p.province_code = ${f.province}` : sql``}
    ${f.unit ? sql`AND p.unit_code = ${f.unit}` : sql``}
    ${f.category ? sql`AND p.category = ${f.category}` : sql``}
    ${f.status ? sql`AND p.status = ${f.status}` : sql``}
    ${f.from ? sql`AND p.received_at >= ${f.from}` : sql``}
    ${f.to ? sql`AND p.received_at <= ${f.to}` : sql``}`;
  const [{ rows }, count] = await Promise.all([
    sql<PublicCase>`SELECT ${PUBLIC_COLUMNS} FROM (SELECT * FROM petition p WHERE ${where}
        ORDER BY p.published_at DESC, p.id DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}) p ${UNIT_JOINS}
      ORDER BY p.published_at DESC, p.id DESC`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM petition p WHERE ${where} LIMIT 10001) x`.execute(
      db,
    ),
  ]);
  return { items: rows, total: count.rows[0]?.n ?? 0 };
}

export async function findPublished(db: Db, id: number): Promise<PublicCase | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const { rows } = await sql<PublicCase>`SELECT ${PUBLIC_COLUMNS} FROM petition p ${UNIT_JOINS}
    WHERE p.id = ${id} AND p.published`.execute(db);
  return rows[0] ?? null;
}

export async function publicPhotoIds(
  db: Db,
  id: number,
): Promise<{ id: number; width: number | null; height: number | null }[]> {
  const { rows } = await sql<{ id: number; width: number | null; height: number | null }>`SELECT a.id, a.width, a.height
    FROM petition_attachment a JOIN petition p ON p.id = a.petition_id
    WHERE a.petition_id = ${id} AND p.published AND p.public_show_photos AND a.kind = 'citizen'
      AND a.mime IN ('image/jpeg', 'image/png') ORDER BY a.id`.execute(db);
  return rows;
}

export type ProvinceStats = {
  provinceCode: string;
  provinceName: string;
  received: number;
  answered: number;
  onTime: number;
  withDeadline: number;
  avgDaysToAnswer: number | null;
  avgRating: number | null;
  ratings: number;
};

let cache: { at: number; rows: ProvinceStats[] } | null = null;
const CACHE_MS = 5 * 60_000;

/**
 * Figures per province over every case (not only the published ones; aggregates carry no personal data):
 * received, answered, answered on time among those with a deadline, average days from receipt to answer,
 * average satisfaction. Computed at most every five minutes.
 */
export async function provinceStats(db: Db, fresh = false): Promise<ProvinceStats[]> {
  if (!fresh && cache && Date.now() - cache.at < CACHE_MS) return cache.rows;
  const { rows } = await sql<ProvinceStats>`WITH s AS (
      SELECT province_code,
        count(*)::int AS received,
        count(answered_at)::int AS answered,
        count(*) FILTER (WHERE answered_at IS NOT NULL AND due_date IS NOT NULL
          AND (answered_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= due_date)::int AS on_time,
        count(*) FILTER (WHERE answered_at IS NOT NULL AND due_date IS NOT NULL)::int AS with_deadline,
        avg(extract(epoch FROM answered_at - received_at) / 86400)::float8 AS avg_days,
        avg(rating)::float8 AS avg_rating,
        count(rating)::int AS ratings
      FROM petition WHERE province_code IS NOT NULL GROUP BY province_code)
    SELECT v.code AS "provinceCode", v.full_name AS "provinceName", coalesce(s.received, 0) AS received,
      coalesce(s.answered, 0) AS answered, coalesce(s.on_time, 0) AS "onTime", coalesce(s.with_deadline, 0) AS "withDeadline",
      s.avg_days AS "avgDaysToAnswer", s.avg_rating AS "avgRating", coalesce(s.ratings, 0) AS ratings
    FROM unit_version v LEFT JOIN s ON s.province_code = v.code
    WHERE v.level = 'province' AND v.valid_to IS NULL ORDER BY v.sort_order, v.code`.execute(db);
  cache = { at: Date.now(), rows };
  return rows;
}

export function clearStatsCache(): void {
  cache = null;
}
