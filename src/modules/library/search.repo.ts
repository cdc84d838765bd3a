import { type Kysely, sql } from 'kysely';
import { highlight, type Segment } from './highlight.ts';
import type { DocumentStatus } from './library.types.ts';
import { searchIndexOf } from './search-index.load.ts';
import { type IndexedDocument, SearchIndex } from './search-index.ts';
import { type ParsedQuery, parseQuery } from './search-query.ts';

/**
 * Search over articles and procedures, answered from the in-memory index (search-index.ts; ranking described there,
 * passages cut from the texts it keeps); the database is asked only for the library's change counter. Before the
 * ranked list come exact hits: a document number and "điều N <law name>".
 */

export type SearchFilters = {
  kind?: 'all' | 'article' | 'procedure' | undefined;
  type?: string | undefined;
  issuer?: string | undefined;
  field?: string | undefined;
  status?: DocumentStatus | undefined;
  level?: string | undefined;
};

export type SearchHit = {
  kind: 'document' | 'article' | 'procedure';
  url: string;
  title: string;
  documentId: string | null;
  documentNumber: string | null;
  documentTitle: string | null;
  documentStatus: DocumentStatus | null;
  articleNo: string | null;
  procedureCode: string | null;
  field: string | null;
  level: string | null;
  passage: Segment[];
  score: number;
};

export type SearchResult = { q: string; hits: SearchHit[]; more: boolean; ms: number };

export const articleUrl = (documentId: string, articleNo: string) => `/thu-vien/luat/${documentId}/dieu-${articleNo}`;
export const procedureUrl = (code: string) => `/thu-vien/thu-tuc/${code}`;
export const documentUrl = (id: string) => `/thu-vien/luat/${id}`;

/** A hit before its passage: the index entry it came from (-1 for a whole document). */
type Found = { entry: number; hit: SearchHit };

function documentPasses(d: IndexedDocument, f: SearchFilters): boolean {
  if (f.type && d.docType !== f.type) return false;
  if (f.issuer && d.issuer !== f.issuer) return false;
  if (f.field && d.field !== f.field) return false;
  if (f.status && d.status !== f.status) return false;
  if ((f.level === 'central' || f.level === 'province') && d.level !== f.level) return false;
  return true;
}

/** Which entries the filters let through (null: all). Document-only filters exclude procedures. */
function entryFilter(index: SearchIndex, f: SearchFilters): ((entry: number) => boolean) | null {
  if ((!f.kind || f.kind === 'all') && !f.type && !f.issuer && !f.field && !f.status && !f.level) return null;
  const documentOnly = !!(f.type || f.issuer || f.status || f.level === 'central' || f.level === 'province');
  const passing = index.documents.map((d) => documentPasses(d, f));
  return (e) => {
    if (index.kind[e] === 0) return f.kind !== 'procedure' && passing[index.law[e]!]!;
    if (f.kind === 'article' || documentOnly) return false;
    const p = index.procedures.get(e)!;
    if (f.field && p.field !== f.field) return false;
    if (f.level && !p.levels.includes(f.level)) return false;
    return true;
  };
}

function hitOf(index: SearchIndex, entry: number, score: number): SearchHit {
  if (index.kind[entry] === 1) {
    const p = index.procedures.get(entry)!;
    const code = index.ref[entry]!;
    return {
      kind: 'procedure',
      url: procedureUrl(code),
      title: index.heading[entry]!,
      documentId: null,
      documentNumber: null,
      documentTitle: null,
      documentStatus: null,
      articleNo: null,
      procedureCode: code,
      field: p.field,
      level: p.level,
      passage: [],
      score,
    };
  }
  const d = index.documents[index.law[entry]!]!;
  return {
    kind: 'article',
    url: articleUrl(d.id, index.ref[entry]!),
    title: index.heading[entry]!,
    documentId: d.id,
    documentNumber: d.number,
    documentTitle: d.title,
    documentStatus: d.status,
    articleNo: index.ref[entry]!,
    procedureCode: null,
    field: d.field,
    level: d.level,
    passage: [],
    score,
  };
}

const byStatusThen = (key: (d: IndexedDocument) => number | string) => (a: IndexedDocument, b: IndexedDocument) => {
  const e = Number(a.status === 'expired') - Number(b.status === 'expired');
  if (e) return e;
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** Exact hits first: documents by number, an article of a named law. */
async function exactHits(db: Kysely<unknown>, index: SearchIndex, pq: ParsedQuery, f: SearchFilters): Promise<Found[]> {
  const found: Found[] = [];
  if (f.kind === 'procedure') return found;
  if (pq.number) {
    const { prefix, kind } = pq.number;
    const labels = index.foldedLabels();
    const docs = index.documents
      .filter((_, i) => labels.numbers[i]!.startsWith(prefix) && (!kind || labels.types[i] === kind))
      .filter((d) => documentPasses(d, f))
      // In force before expired, then the newest.
      .sort(byStatusThen((d) => -Date.parse(d.issuedDate ?? '1900-01-01')))
      .slice(0, 5);
    for (const d of docs)
      found.push({
        entry: -1,
        hit: {
          kind: 'document',
          url: documentUrl(d.id),
          title: d.title,
          documentId: d.id,
          documentNumber: d.number,
          documentTitle: d.title,
          documentStatus: d.status,
          articleNo: null,
          procedureCode: null,
          field: d.field,
          level: d.level,
          passage: [],
          score: 1000,
        },
      });
  }
  if (pq.article?.lawWords) {
    const words = pq.article.lawWords;
    // A law named by (part of) its title or its number; failing that, the closest title (pg_trgm, 208 rows).
    const labels = index.foldedLabels();
    let named = index.documents.filter(
      (_, i) => labels.titles[i]!.includes(words) || labels.numbers[i]!.startsWith(words),
    );
    if (!named.length) {
      const { rows } = await sql<{ id: string }>`SELECT id FROM library_document
        WHERE word_similarity(${words}, title_folded) >= 0.6
        ORDER BY word_similarity(${words}, title_folded) DESC LIMIT 1`.execute(db);
      named = rows.map((r) => index.documents[index.documentIndex.get(r.id) ?? -1]!).filter(Boolean);
    }
    const laws = named
      .filter((d) => documentPasses(d, f))
      .sort(byStatusThen((d) => d.title.length))
      .slice(0, 3);
    for (const d of laws) {
      const entry = index.articleEntry.get(`${d.id}|${pq.article.no}`);
      if (entry !== undefined) found.push({ entry, hit: hitOf(index, entry, 900) });
    }
  }
  return found;
}

export async function searchLibrary(
  db: Kysely<unknown>,
  q: string,
  f: SearchFilters = {},
  page: { limit: number; offset: number } = { limit: 20, offset: 0 },
): Promise<SearchResult> {
  const t0 = performance.now();
  const pq = parseQuery(q);
  const { index } = await searchIndexOf(db);
  const exact = page.offset === 0 ? await exactHits(db, index, pq, f) : [];
  const want = page.offset + page.limit + 1;
  const ranked = index
    .rank(pq.unigrams, pq.bigrams, want + exact.length, entryFilter(index, f))
    .map(({ entry, score }) => ({ entry, hit: hitOf(index, entry, score) }));
  const seen = new Set(exact.map((x) => x.hit.url));
  const all = [...exact, ...ranked.filter((x) => !seen.has(x.hit.url))];
  const shown = all.slice(page.offset, page.offset + page.limit);
  for (const { entry, hit } of shown)
    if (entry >= 0)
      hit.passage = highlight(
        index.passageText(entry),
        pq.unigrams,
        hit.kind === 'procedure' ? 200 : 260,
        index.passageFolded(entry),
      );
  return {
    q: pq.raw,
    hits: shown.map((s) => s.hit),
    more: all.length > page.offset + page.limit,
    ms: performance.now() - t0,
  };
}

export type Suggestion = { label: string; url: string; kind: 'document' | 'article' | 'procedure' };

/**
 * Suggestions as one types: law titles (or numbers), procedure names and article headings with a word starting
 * with what was typed (folded), from the in-memory index: titles first, then procedures, then articles; in force
 * before expired, shorter first.
 */
export async function suggest(db: Kysely<unknown>, q: string): Promise<Suggestion[]> {
  const typed = parseQuery(q).folded;
  if (typed.length < 2) return [];
  const { index } = await searchIndexOf(db);
  const labels = index.foldedLabels();
  const needle = ` ${typed}`;
  const documents = index.documents
    .filter((_, i) => labels.titles[i]!.includes(needle) || labels.numbers[i]!.startsWith(typed))
    .sort(byStatusThen((d) => d.title.length))
    .slice(0, 4)
    .map((d): Suggestion => ({ label: d.title, url: documentUrl(d.id), kind: 'document' }));
  const procedures = SearchIndex.firstStartingWith(labels.procedures, typed, 3);
  const articles = SearchIndex.firstStartingWith(labels.articles, typed, 4);
  return [
    ...documents,
    ...procedures.map(
      (e): Suggestion => ({ label: index.heading[e]!, url: procedureUrl(index.ref[e]!), kind: 'procedure' }),
    ),
    ...articles.map((e): Suggestion => {
      const d = index.documents[index.law[e]!]!;
      return { label: `${index.heading[e]} — ${d.title}`, url: articleUrl(d.id, index.ref[e]!), kind: 'article' };
    }),
  ];
}
