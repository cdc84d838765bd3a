import { type QueryExecutorProvider, sql } from 'kysely';
import type { Status } from './state-machine.ts';

/** A case as staff see it, without the sender's contact details (those are read apart, audited). */
export type CaseRow = {
  id: number;
  unitId: number;
  unitCode: string;
  unitPath: string;
  unitLevel: 'central' | 'province' | 'commune';
  provinceCode: string | null;
  category: string;
  categoryConfirmed: boolean;
  field: string | null;
  title: string;
  content: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  hideName: boolean;
  photosPublic: boolean;
  status: Status;
  assignedTo: string | null;
  assignedName: string | null;
  rejectReason: string | null;
  rejectNote: string | null;
  duplicateOf: number | null;
  authorityId: number | null;
  authorityName: string | null;
  authorityPath: string | null;
  forwardedAt: Date | null;
  dueDate: string | null;
  answerText: string | null;
  answeredAt: Date | null;
  answeredBy: string | null;
  answeredOnPaper: boolean;
  rating: number | null;
  ratingResolved: boolean | null;
  ratingComment: string | null;
  ratedAt: Date | null;
  reopenCount: number;
  published: boolean;
  publishedAt: Date | null;
  publicTitle: string | null;
  publicContent: string | null;
  publicAnswer: string | null;
  publicShowPhotos: boolean;
  receivedAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  citizenId: string | null;
};

export const CASE_COLUMNS = sql`p.id, p.unit_id AS "unitId", p.unit_code AS "unitCode", p.unit_path::text AS "unitPath",
  p.unit_level AS "unitLevel", p.province_code AS "provinceCode", p.category, p.category_confirmed AS "categoryConfirmed",
  p.field, p.title, p.content, p.address, p.latitude, p.longitude, p.hide_name AS "hideName",
  p.photos_public AS "photosPublic", p.status, p.assigned_to AS "assignedTo", p.assigned_name AS "assignedName",
  p.reject_reason AS "rejectReason", p.reject_note AS "rejectNote", p.duplicate_of AS "duplicateOf",
  p.authority_id AS "authorityId", a.name AS "authorityName", p.authority_path::text AS "authorityPath",
  p.forwarded_at AS "forwardedAt", p.due_date AS "dueDate", p.answer_text AS "answerText", p.answered_at AS "answeredAt",
  p.answered_by AS "answeredBy", p.answered_on_paper AS "answeredOnPaper", p.rating, p.rating_resolved AS "ratingResolved",
  p.rating_comment AS "ratingComment", p.rated_at AS "ratedAt", p.reopen_count AS "reopenCount", p.published,
  p.published_at AS "publishedAt", p.public_title AS "publicTitle", p.public_content AS "publicContent",
  p.public_answer AS "publicAnswer", p.public_show_photos AS "publicShowPhotos", p.received_at AS "receivedAt",
  p.updated_at AS "updatedAt", p.closed_at AS "closedAt", p.citizen_id AS "citizenId"`;

export async function findCase(db: QueryExecutorProvider, id: number, lock = false): Promise<CaseRow | null> {
  const { rows } = await sql<CaseRow>`SELECT ${CASE_COLUMNS} FROM petition p
    LEFT JOIN petition_authority a ON a.id = p.authority_id WHERE p.id = ${id} ${lock ? sql`FOR UPDATE OF p` : sql``}`.execute(
    db,
  );
  return rows[0] ?? null;
}

export async function findCaseByCodeHash(db: QueryExecutorProvider, hash: Buffer): Promise<CaseRow | null> {
  const { rows } = await sql<CaseRow>`SELECT ${CASE_COLUMNS} FROM petition p
    LEFT JOIN petition_authority a ON a.id = p.authority_id WHERE p.code_hash = ${hash}`.execute(db);
  return rows[0] ?? null;
}

export type EventRow = {
  id: number;
  at: Date;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  actorName: string | null;
  note: string | null;
  public: boolean;
};

export async function listEvents(db: QueryExecutorProvider, id: number, publicOnly: boolean): Promise<EventRow[]> {
  const { rows } = await sql<EventRow>`SELECT id, at, kind, from_status AS "fromStatus", to_status AS "toStatus",
      actor_name AS "actorName", note, public FROM petition_event
    WHERE petition_id = ${id} ${publicOnly ? sql`AND public` : sql``} ORDER BY id`.execute(db);
  return rows;
}

export type AttachmentMeta = {
  id: number;
  kind: 'citizen' | 'answer';
  filename: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
};

export async function listAttachments(db: QueryExecutorProvider, id: number): Promise<AttachmentMeta[]> {
  const { rows } = await sql<AttachmentMeta>`SELECT id, kind, filename, mime, size, width, height
    FROM petition_attachment WHERE petition_id = ${id} ORDER BY id`.execute(db);
  return rows;
}

export async function readAttachment(
  db: QueryExecutorProvider,
  petitionId: number,
  attachmentId: number,
): Promise<(AttachmentMeta & { bytes: Buffer }) | null> {
  const { rows } = await sql<AttachmentMeta & { bytes: Buffer }>`SELECT id, kind, filename, mime, size, width, height,
      bytes FROM petition_attachment WHERE petition_id = ${petitionId} AND id = ${attachmentId}`.execute(db);
  return rows[0] ?? null;
}

export async function addEvent(
  db: QueryExecutorProvider,
  e: {
    petitionId: number;
    kind: string;
    from?: string | null;
    to?: string | null;
    actorId?: string | null;
    actorName?: string | null;
    note?: string | null;
    public?: boolean;
  },
): Promise<void> {
  await sql`INSERT INTO petition_event (petition_id, kind, from_status, to_status, actor_id, actor_name, note, public)
    VALUES (${e.petitionId}, ${e.kind}, ${e.from ?? null}, ${e.to ?? null}, ${e.actorId ?? null}, ${e.actorName ?? null},
      ${e.note ?? null}, ${e.public ?? false})`.execute(db);
}

export type CategoryRow = {
  code: string;
  nameVi: string;
  nameEn: string;
  hintVi: string;
  hintEn: string;
  deadlineDays: number;
};

let categoryCache: { at: number; rows: CategoryRow[] } | null = null;
const CATEGORY_CACHE_MS = 30_000;

/** The categories, read at most every 30 s per process (every form and submission needs them). */
export async function listCategories(db: QueryExecutorProvider): Promise<CategoryRow[]> {
  if (categoryCache && Date.now() - categoryCache.at < CATEGORY_CACHE_MS) return categoryCache.rows;
  const rows = await readCategories(db);
  categoryCache = { at: Date.now(), rows };
  return rows;
}

export function forgetCategories(): void {
  categoryCache = null;
}

async function readCategories(db: QueryExecutorProvider): Promise<CategoryRow[]> {
  const { rows } = await sql<CategoryRow>`SELECT code, name_vi AS "nameVi", name_en AS "nameEn", hint_vi AS "hintVi",
    hint_en AS "hintEn", deadline_days AS "deadlineDays" FROM petition_category ORDER BY sort_order, code`.execute(db);
  return rows;
}

export type AuthorityRow = {
  id: number;
  unitCode: string;
  unitPath: string;
  name: string;
  email: string | null;
  /** Accounts linked to answer for it (0: it can only answer on paper, recorded by the Front). */
  accounts: number;
};

export async function listAuthoritiesFor(db: QueryExecutorProvider, unitPath: string): Promise<AuthorityRow[]> {
  // The authorities of the case's unit and of the units above it (a commune case may go to the province).
  const { rows } =
    await sql<AuthorityRow>`SELECT id, unit_code AS "unitCode", unit_path::text AS "unitPath", name, email,
      (SELECT count(*)::int FROM petition_authority_account l WHERE l.authority_id = petition_authority.id) AS accounts
    FROM petition_authority WHERE active AND unit_path @> ${unitPath}::ltree ORDER BY nlevel(unit_path) DESC, name`.execute(
      db,
    );
  return rows;
}
