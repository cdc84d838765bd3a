import { type Kysely, sql } from 'kysely';
import type { Relation, RelationKind } from './library.types.ts';
import { buildCatalog, type Catalog, type CatalogEntry, findReferences } from './references.ts';
import { fold } from './search-text.ts';

/**
 * Relations found in the texts (origin 'auto') and the statuses they imply; librarians' relations and statuses
 * (origin 'librarian') are never touched here.
 */

/** Later laws that replace an earlier one of the same name, as the corpus's SOURCE records them. */
export const KNOWN_REPLACEMENTS: [newer: string, older: string][] = [
  ['05-2022-qh15', '62-2006-qh11'],
  ['59-2020-qh14', '68-2014-qh13'],
  ['08-2022-qh15', '24-2000-qh10'],
  ['06-2022-qh15', '15-2003-qh11'],
];

export async function loadCatalog(db: Kysely<unknown>): Promise<Catalog> {
  const rows = (await sql<CatalogEntry>`SELECT id, number, title FROM library_document`.execute(db)).rows;
  return buildCatalog(rows);
}

type NewRelation = {
  source: string;
  sourceArticle: string | null;
  kind: RelationKind;
  target: string | null;
  targetArticle: string | null;
  label: string;
};

function kindOf(
  ref: { repeal: 'whole' | 'part' | null },
  sourceTitle: string,
  targetTitle: string | null,
): RelationKind {
  if (ref.repeal === 'part') return 'partly_repeals';
  if (ref.repeal === 'whole') {
    const a = fold(sourceTitle);
    const b = targetTitle ? fold(targetTitle) : '';
    return b && (a.includes(b) || b.includes(a)) ? 'replaces' : 'repeals';
  }
  if (/^luat sua doi/.test(fold(sourceTitle))) return 'amends';
  return 'refers_to';
}

async function insertRelations(trx: Kysely<unknown>, rels: NewRelation[], origin: 'auto' | 'librarian') {
  for (let i = 0; i < rels.length; i += 500) {
    const rows = rels
      .slice(i, i + 500)
      .map(
        (r) =>
          sql`(${r.source}, ${r.sourceArticle}, ${r.kind}, ${r.target}, ${r.targetArticle}, ${r.label}, ${origin})`,
      );
    await sql`INSERT INTO library_relation (source_document_id, source_article_no, kind, target_document_id,
        target_article_no, target_label, origin) VALUES ${sql.join(rows)} ON CONFLICT DO NOTHING`.execute(trx);
  }
}

/** Re-extracts every automatic relation and re-derives automatic statuses. Returns the number of relations. */
export async function refreshAutoRelations(trx: Kysely<unknown>): Promise<number> {
  const catalog = await loadCatalog(trx);
  const titles = new Map([...catalog.titles].map((t) => [t.entry.id, t.entry.title]));
  await sql`DELETE FROM library_relation WHERE origin = 'auto'`.execute(trx);
  const rels: NewRelation[] = [];
  const seen = new Set<string>();
  const push = (r: NewRelation) => {
    const key = `${r.source}|${r.sourceArticle}|${r.kind}|${r.target}|${r.targetArticle}|${r.label}`;
    if (!seen.has(key)) {
      seen.add(key);
      rels.push(r);
    }
  };
  const docs = (
    await sql<{
      id: string;
      title: string;
      preamble: string;
    }>`SELECT id, title, preamble FROM library_document`.execute(trx)
  ).rows;
  for (const d of docs) {
    for (const ref of findReferences(d.preamble, catalog, d.id)) {
      if (!/Căn cứ/i.test(d.preamble.slice(Math.max(0, ref.start - 40), ref.start))) continue;
      push({
        source: d.id,
        sourceArticle: null,
        kind: 'legal_basis',
        target: ref.targetId,
        targetArticle: ref.articleNo,
        label: ref.label,
      });
    }
  }
  const articles = (
    await sql<{ document_id: string; article_no: string; body: string }>`SELECT document_id, article_no, body
      FROM library_article`.execute(trx)
  ).rows;
  for (const a of articles) {
    const sourceTitle = titles.get(a.document_id) ?? '';
    for (const ref of findReferences(a.body, catalog, a.document_id)) {
      push({
        source: a.document_id,
        sourceArticle: a.article_no,
        kind: kindOf(ref, sourceTitle, ref.targetId ? (titles.get(ref.targetId) ?? null) : null),
        target: ref.targetId,
        targetArticle: ref.articleNo,
        label: ref.label,
      });
    }
  }
  for (const [newer, older] of KNOWN_REPLACEMENTS) {
    if (titles.has(newer) && titles.has(older)) {
      const label = catalog.titles.find((t) => t.entry.id === older)?.entry.number ?? older;
      if (!rels.some((r) => r.source === newer && r.target === older && r.kind === 'replaces'))
        push({ source: newer, sourceArticle: null, kind: 'replaces', target: older, targetArticle: null, label });
    }
  }
  await insertRelations(trx, rels, 'auto');
  await deriveStatuses(trx);
  return rels.length;
}

/**
 * Statuses not set by a librarian follow from the texts: in force from the effective date; expired from the date
 * the replacing or repealing law takes effect; partly expired when a law in force repeals some of its provisions.
 */
export async function deriveStatuses(trx: Kysely<unknown>): Promise<void> {
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  await sql`UPDATE library_document SET
      status = CASE WHEN effective_date > ${today}::date THEN 'not_yet_in_force' ELSE 'in_force' END,
      status_date = effective_date, replaced_by_id = NULL, status_note = NULL
    WHERE status_origin = 'auto'`.execute(trx);
  await sql`UPDATE library_document t SET status = 'partly_expired', status_date = s.effective_date
    FROM library_relation r JOIN library_document s ON s.id = r.source_document_id
    WHERE r.kind = 'partly_repeals' AND r.target_document_id = t.id AND t.status_origin = 'auto'
      AND t.status = 'in_force' AND s.effective_date <= ${today}::date`.execute(trx);
  await sql`UPDATE library_document t SET status = 'expired', status_date = s.effective_date, replaced_by_id = s.id
    FROM library_relation r JOIN library_document s ON s.id = r.source_document_id
    WHERE r.kind = 'replaces' AND r.target_document_id = t.id
      AND t.status_origin = 'auto' AND s.effective_date <= ${today}::date`.execute(trx);
}

/** Planner statistics after an import (the search itself runs in memory: search-index.ts). */
export async function analyzeLibrary(db: Kysely<unknown>): Promise<void> {
  await sql`ANALYZE library_document`.execute(db);
  await sql`ANALYZE library_article`.execute(db);
  await sql`ANALYZE library_procedure`.execute(db);
}

export async function relationsOf(
  db: Kysely<unknown>,
  documentId: string,
): Promise<{ outgoing: Relation[]; incoming: Relation[] }> {
  const cols = sql`id, source_document_id AS "sourceDocumentId", source_article_no AS "sourceArticleNo", kind,
    target_document_id AS "targetDocumentId", target_article_no AS "targetArticleNo", target_label AS "targetLabel",
    origin`;
  const [outgoing, incoming] = await Promise.all([
    sql<Relation>`SELECT ${cols} FROM library_relation WHERE source_document_id = ${documentId}
      ORDER BY kind, target_label, source_article_no`.execute(db),
    sql<Relation>`SELECT ${cols} FROM library_relation WHERE target_document_id = ${documentId}
      ORDER BY kind, source_document_id, source_article_no`.execute(db),
  ]);
  return { outgoing: outgoing.rows, incoming: incoming.rows };
}

export { insertRelations };
