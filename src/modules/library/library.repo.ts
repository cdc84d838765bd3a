import { type Kysely, sql } from 'kysely';
import type { Article, LibraryDocument, Procedure } from './library.types.ts';
import type { Catalog } from './references.ts';
import { loadCatalog } from './relations.repo.ts';

/** Reads of documents, articles and procedures. */

const DOC_COLUMNS = sql`id, number, title, doc_type AS "docType", issuer, issued_date AS "issuedDate",
  effective_date AS "effectiveDate", status, status_date AS "statusDate", status_note AS "statusNote",
  replaced_by_id AS "replacedById", field, level, unit_path::text AS "unitPath", preamble, closing, source,
  quality_note AS "qualityNote", article_gaps AS "articleGaps", origin, updated_at::text AS "updatedAt"`;

export async function getDocument(db: Kysely<unknown>, id: string): Promise<LibraryDocument | null> {
  const r = await sql<LibraryDocument>`SELECT ${DOC_COLUMNS} FROM library_document WHERE id = ${id}`.execute(db);
  return r.rows[0] ?? null;
}

export async function listDocuments(db: Kysely<unknown>): Promise<LibraryDocument[]> {
  return (
    await sql<LibraryDocument>`SELECT ${DOC_COLUMNS} FROM library_document
      ORDER BY issued_date DESC NULLS LAST, id`.execute(db)
  ).rows;
}

const ARTICLE_COLUMNS = sql`document_id AS "documentId", article_no AS "articleNo", ordinal, heading, body, part,
  chapter, section`;

export async function listArticles(db: Kysely<unknown>, documentId: string): Promise<Article[]> {
  return (
    await sql<Article>`SELECT ${ARTICLE_COLUMNS} FROM library_article WHERE document_id = ${documentId}
      ORDER BY ordinal`.execute(db)
  ).rows;
}

export async function getArticle(
  db: Kysely<unknown>,
  documentId: string,
  articleNo: string,
): Promise<{ article: Article; prev: Article | null; next: Article | null } | null> {
  const rows = (
    await sql<Article>`SELECT ${ARTICLE_COLUMNS} FROM library_article
      WHERE document_id = ${documentId} AND ordinal BETWEEN
        (SELECT x.ordinal - 1 FROM library_article x WHERE x.document_id = ${documentId} AND x.article_no = ${articleNo})
        AND (SELECT x.ordinal + 1 FROM library_article x WHERE x.document_id = ${documentId} AND x.article_no = ${articleNo})
      ORDER BY ordinal`.execute(db)
  ).rows;
  const i = rows.findIndex((r) => r.articleNo === articleNo);
  if (i < 0) return null;
  return { article: rows[i]!, prev: rows[i - 1] ?? null, next: rows[i + 1] ?? null };
}

const PROC_COLUMNS = sql`code, name, ministry, implementing_agency AS "implementingAgency",
  competent_authority AS "competentAuthority", level, levels, field, procedure_type AS "procedureType", applicants,
  decision_no AS "decisionNo", steps, channels, processing_time AS "processingTime", fees, documents, conditions,
  result, legal_basis_codes AS "legalBasisCodes", legal_basis_text AS "legalBasisText", url`;

export async function getProcedure(db: Kysely<unknown>, code: string): Promise<Procedure | null> {
  return (
    (await sql<Procedure>`SELECT ${PROC_COLUMNS} FROM library_procedure WHERE code = ${code}`.execute(db)).rows[0] ??
    null
  );
}

export async function proceduresCiting(
  db: Kysely<unknown>,
  number: string | null,
): Promise<{ code: string; name: string }[]> {
  if (!number) return [];
  return (
    await sql<{ code: string; name: string }>`SELECT code, name FROM library_procedure
      WHERE ${number} = ANY(legal_basis_codes) ORDER BY name LIMIT 50`.execute(db)
  ).rows;
}

export type ProcedureListItem = { code: string; name: string; field: string | null; level: string };

export async function listProcedures(
  db: Kysely<unknown>,
  f: { field?: string | undefined; level?: string | undefined; limit: number; offset: number },
): Promise<{ items: ProcedureListItem[]; total: number }> {
  const where = sql`(${f.field ?? null}::text IS NULL OR field = ${f.field ?? null})
    AND (${f.level ?? null}::text IS NULL OR ${f.level ?? null} = ANY(levels))`;
  const [items, total] = await Promise.all([
    sql<ProcedureListItem>`SELECT code, name, field, level FROM library_procedure WHERE ${where}
      ORDER BY name_folded, code LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db),
    sql<{ n: number }>`SELECT count(*) AS n FROM library_procedure WHERE ${where}`.execute(db),
  ]);
  return { items: items.rows, total: total.rows[0]?.n ?? 0 };
}

export async function procedureFields(db: Kysely<unknown>): Promise<{ field: string; n: number }[]> {
  return (
    await sql<{ field: string; n: number }>`SELECT field, count(*) AS n FROM library_procedure
      WHERE field IS NOT NULL GROUP BY field ORDER BY vn_fold(field)`.execute(db)
  ).rows;
}

/** The catalog of titles and numbers for linking references, cached until the library changes. */
let cached: { at: number; catalog: Catalog } | null = null;
export async function catalogOf(db: Kysely<unknown>): Promise<Catalog> {
  if (cached && Date.now() - cached.at < 60_000) return cached.catalog;
  cached = { at: Date.now(), catalog: await loadCatalog(db) };
  return cached.catalog;
}
export function forgetCatalog(): void {
  cached = null;
}
