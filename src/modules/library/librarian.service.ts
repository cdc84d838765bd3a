import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../../core/audit.ts';
import { authorize } from '../../core/auth/policy.ts';
import type { Principal } from '../../core/auth/principal.ts';
import { withTransaction } from '../../core/db/transaction.ts';
import { AppError } from '../../core/http/errors.ts';
import { type CheckedDocument, checkDocument, writeDocument } from './corpus-import.ts';
import { slugOfNumber } from './document-text.ts';
import { forgetCatalog, getDocument } from './library.repo.ts';
import type { DocumentStatus, LibraryDocument, RelationKind } from './library.types.ts';
import { deriveStatuses, refreshAutoRelations } from './relations.repo.ts';

/**
 * Librarians' changes: a new document (from an upload preview), metadata and status, relations. Each change is
 * authorised against the document's keeper (Central 'vn', or a province 'vn.NN': a province librarian reaches only
 * their province's documents, anything else answers 404) and audited in the same transaction.
 */

type Db = Kysely<unknown>;

export async function documentInScope(db: Db, p: Principal | null | undefined, id: string): Promise<LibraryDocument> {
  const doc = await getDocument(db, id);
  if (!doc) throw new AppError('NOT_FOUND');
  authorize(p, 'manage_library', { unitPath: doc.unitPath });
  return doc;
}

export type NewDocumentInput = {
  number: string | null;
  title: string;
  docType: string;
  issuer: string;
  issuedDate: string | null;
  effectiveDate: string | null;
  field: string | null;
  preamble: string;
  articles: {
    articleNo: string;
    heading: string;
    body: string;
    part?: string | null;
    chapter?: string | null;
    section?: string | null;
  }[];
};

export async function createDocument(
  db: Db,
  p: Principal | null | undefined,
  input: NewDocumentInput,
): Promise<LibraryDocument> {
  // Central librarians keep national documents; a province librarian adds documents of their province.
  const unitPath = p?.unitLevel === 'central' ? 'vn' : (p?.unitPath.split('.').slice(0, 2).join('.') ?? 'vn');
  authorize(p, 'manage_library', { unitPath });
  const id = input.number ? slugOfNumber(input.number) : slugOfNumber(`${input.title}-${input.issuedDate ?? ''}`);
  const checked = checkDocument({
    id,
    title: input.title,
    number: input.number,
    type: input.docType,
    issuer: input.issuer,
    issued_date: input.issuedDate,
    preamble: input.preamble,
    closing: '',
    articles: input.articles.map((a) => ({
      id: a.articleNo,
      title: a.heading,
      text: a.body,
      part: a.part,
      chapter: a.chapter,
      section: a.section,
    })),
  });
  if (typeof checked === 'string') throw new AppError('LIBRARY_DOCUMENT_INVALID', { params: { reason: checked } });
  const doc: CheckedDocument = { ...checked, effectiveDate: input.effectiveDate ?? checked.effectiveDate };
  const hash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
  await withTransaction(db, async (trx) => {
    const exists = await sql`SELECT 1 FROM library_document WHERE id = ${id}`.execute(trx);
    if (exists.rows.length) throw new AppError('LIBRARY_DOCUMENT_EXISTS', { params: { number: input.number ?? id } });
    await writeDocument(
      trx as Db,
      doc,
      hash,
      {
        origin: 'librarian',
        unitPath,
        level: unitPath === 'vn' ? 'central' : 'province',
        field: input.field,
      },
      false,
    );
    await refreshAutoRelations(trx as Db);
    await recordAudit(trx, {
      actor: p!,
      action: 'library.document.create',
      target: { type: 'library_document', id, unitPath },
      details: { number: input.number, title: input.title, articles: input.articles.length },
    });
  });
  forgetCatalog();
  return (await getDocument(db, id))!;
}

export type DocumentPatch = {
  title?: string | undefined;
  docType?: string | undefined;
  issuer?: string | undefined;
  field?: string | null | undefined;
  issuedDate?: string | null | undefined;
  effectiveDate?: string | null | undefined;
  status?: DocumentStatus | undefined;
  statusDate?: string | null | undefined;
  statusNote?: string | null | undefined;
  replacedById?: string | null | undefined;
};

const COLUMN: Record<keyof DocumentPatch, string> = {
  title: 'title',
  docType: 'doc_type',
  issuer: 'issuer',
  field: 'field',
  issuedDate: 'issued_date',
  effectiveDate: 'effective_date',
  status: 'status',
  statusDate: 'status_date',
  statusNote: 'status_note',
  replacedById: 'replaced_by_id',
};

export async function updateDocument(db: Db, p: Principal | null | undefined, id: string, patch: DocumentPatch) {
  const before = await documentInScope(db, p, id);
  const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as [keyof DocumentPatch, unknown][];
  if (patch.replacedById && !(await getDocument(db, patch.replacedById)))
    throw new AppError('LIBRARY_RELATION_TARGET_UNKNOWN', { params: { target: patch.replacedById } });
  await withTransaction(db, async (trx) => {
    for (const [k, v] of entries) {
      await sql`UPDATE library_document SET ${sql.ref(COLUMN[k])} = ${v as string | null}, updated_at = now()
        WHERE id = ${id}`.execute(trx);
    }
    if (patch.status || patch.replacedById !== undefined)
      await sql`UPDATE library_document SET status_origin = 'librarian' WHERE id = ${id}`.execute(trx);
    if (patch.effectiveDate !== undefined) await deriveStatuses(trx as Db);
    await recordAudit(trx, {
      actor: p!,
      action: 'library.document.update',
      target: { type: 'library_document', id, unitPath: before.unitPath },
      details: {
        changed: Object.fromEntries(
          entries.map(([k, v]) => [k, { from: (before as Record<string, unknown>)[k] ?? null, to: v }]),
        ),
      },
    });
  });
  forgetCatalog();
  return (await getDocument(db, id))!;
}

export async function addRelation(
  db: Db,
  p: Principal | null | undefined,
  id: string,
  r: {
    kind: RelationKind;
    targetId: string;
    sourceArticleNo?: string | null | undefined;
    targetArticleNo?: string | null | undefined;
  },
): Promise<number> {
  const doc = await documentInScope(db, p, id);
  const target = await getDocument(db, r.targetId);
  if (!target || target.id === id)
    throw new AppError('LIBRARY_RELATION_TARGET_UNKNOWN', { params: { target: r.targetId } });
  return withTransaction(db, async (trx) => {
    const row = await sql<{ id: number }>`INSERT INTO library_relation (source_document_id, source_article_no, kind,
        target_document_id, target_article_no, target_label, origin)
      VALUES (${id}, ${r.sourceArticleNo ?? null}, ${r.kind}, ${target.id}, ${r.targetArticleNo ?? null},
        ${target.number ?? target.title}, 'librarian')
      ON CONFLICT DO NOTHING RETURNING id`.execute(trx);
    if (r.kind === 'replaces')
      await sql`UPDATE library_document SET status = 'expired', status_date = ${doc.effectiveDate},
          replaced_by_id = ${id}, status_origin = 'librarian' WHERE id = ${target.id}`.execute(trx);
    await recordAudit(trx, {
      actor: p!,
      action: 'library.relation.add',
      target: { type: 'library_document', id, unitPath: doc.unitPath },
      details: {
        kind: r.kind,
        target: target.id,
        sourceArticle: r.sourceArticleNo ?? null,
        targetArticle: r.targetArticleNo ?? null,
      },
    });
    return row.rows[0]?.id ?? 0;
  }).finally(forgetCatalog);
}

export async function removeRelation(db: Db, p: Principal | null | undefined, id: string, relationId: number) {
  const doc = await documentInScope(db, p, id);
  await withTransaction(db, async (trx) => {
    const del = await sql`DELETE FROM library_relation WHERE id = ${relationId} AND source_document_id = ${id}
      AND origin = 'librarian'`.execute(trx);
    if (!Number(del.numAffectedRows ?? 0)) throw new AppError('NOT_FOUND');
    await recordAudit(trx, {
      actor: p!,
      action: 'library.relation.remove',
      target: { type: 'library_document', id, unitPath: doc.unitPath },
      details: { relation: relationId },
    });
  });
  forgetCatalog();
}
