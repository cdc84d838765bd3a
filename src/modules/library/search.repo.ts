import { type Kysely, type RawBuilder, sql } from 'kysely';
import { highlight, type Segment } from './highlight.ts';
import type { DocumentStatus } from './library.types.ts';
import { type ParsedQuery, parseQuery } from './search-query.ts';

/**
 * Search over articles and procedures, in PostgreSQL (server and PGlite alike).
 *
 * Ranking: every query syllable and syllable pair t contributes idf(t) × ts_rank(vector, t), where idf is the BM25
 * inverse document frequency from library_term and ts_rank weighs where the lexeme sits (heading A, text B, the
 * law's title C, chapter D) with saturating term frequency. Candidates are the rows holding at least one selective
 * lexeme (GIN index). Expired documents count half, partly expired 0.9, not yet in force 0.8, so an expired law
 * sinks below its replacement for the same words. Before the ranked list come exact hits: a document number and
 * "điều N <law name>".
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

type RankedHit = SearchHit & { body?: string };

export type SearchResult = { q: string; hits: SearchHit[]; more: boolean; ms: number };

const STATUS_FACTOR = sql`CASE d.status WHEN 'expired' THEN 0.5 WHEN 'partly_expired' THEN 0.9
  WHEN 'not_yet_in_force' THEN 0.8 ELSE 1.0 END`;

/** Lexemes with more documents than this are not used alone to find candidates (still used to rank). */
const SELECTIVE_DF = 3000;
const CANDIDATE_BUDGET = 2000;
const CANDIDATES = 1500;
/** Heading candidates use lexemes found in at most this many rows. */
const HEADING_DF = 600;
/**
 * ts_rank normalisation 1|32: divided by 1 + log(length), so long articles do not win by length alone, then scaled
 * to rank/(rank+1), which saturates repeated matches (measured on the development set: best of 0, 1, 2, 8, 16, 33).
 */
const RANK_NORMALISATION = 33;

type TermStat = { term: string; idf: number; df: number };

async function termStats(db: Kysely<unknown>, terms: string[]): Promise<{ stats: TermStat[]; n: number }> {
  if (!terms.length) return { stats: [], n: 1 };
  const rows = (
    await sql<{ term: string; df: number; n: number }>`SELECT t.term, t.df,
        coalesce((SELECT (value)::text::int FROM library_meta WHERE key = 'corpus_size'), 1) AS n
      FROM library_term t WHERE t.term = ANY(${terms}::text[])`.execute(db)
  ).rows;
  const n = rows[0]?.n ?? 1;
  // Syllables in more than a third of the rows ("cua", "va", "nguoi") weigh next to nothing: not scored.
  const stats = rows
    .filter((r) => r.term.includes('_') || r.df <= n * 0.35 || rows.length === 1)
    .map((r) => ({
      term: r.term,
      df: r.df,
      idf: Math.log(1 + (n - r.df + 0.5) / (r.df + 0.5)) * (r.term.includes('_') ? 1.3 : 1),
    }));
  stats.sort((a, b) => terms.indexOf(a.term) - terms.indexOf(b.term));
  return { stats, n };
}

const tsq = (t: string) => `'${t}'`;

function scoreOf(column: RawBuilder<unknown>, stats: TermStat[]): RawBuilder<number> {
  const parts = stats.map((s) => sql`${s.idf} * ts_rank(${column}, ${tsq(s.term)}::tsquery, ${RANK_NORMALISATION})`);
  return sql<number>`(${sql.join(parts, sql` + `)})`;
}

/**
 * Candidates: rows holding one of the query's rarest lexemes, taken from the rarest up while their document
 * frequencies add up to a budget; when even the rarest is common, rows holding the two rarest together.
 */
/** Heading candidates: any query lexeme that is not everywhere, in an article's heading (small sets). */
function headingQuery(stats: TermStat[]): string {
  const usable = stats.filter((s) => s.df <= HEADING_DF);
  return (usable.length ? usable : stats.slice(0, 1)).map((s) => tsq(s.term)).join(' | ');
}

/**
 * First pass: one ts_rank per candidate over all the query's lexemes (no IDF); the IDF-weighted sum, ~15 ts_rank
 * calls a row, is computed for the best FIRST_PASS rows only.
 */
const FIRST_PASS = 200;
function anyTerm(stats: TermStat[]): string {
  return stats.map((s) => tsq(s.term)).join(' | ');
}

function candidatesQuery(stats: TermStat[]): string {
  const byDf = [...stats].sort((a, b) => a.df - b.df);
  const picked: TermStat[] = [];
  let sum = 0;
  for (const s of byDf) {
    if (picked.length && sum + s.df > CANDIDATE_BUDGET) break;
    picked.push(s);
    sum += s.df;
  }
  if (sum > SELECTIVE_DF && byDf.length > 1) return `${tsq(byDf[0]!.term)} & ${tsq(byDf[1]!.term)}`;
  return picked.map((s) => tsq(s.term)).join(' | ');
}

export const articleUrl = (documentId: string, articleNo: string) => `/thu-vien/luat/${documentId}/dieu-${articleNo}`;
export const procedureUrl = (code: string) => `/thu-vien/thu-tuc/${code}`;
export const documentUrl = (id: string) => `/thu-vien/luat/${id}`;

type ArticleRow = {
  document_id: string;
  article_no: string;
  heading: string;
  body: string;
  number: string | null;
  title: string;
  status: DocumentStatus;
  field: string | null;
  level: string;
  score: number;
};
type ProcedureRow = { code: string; name: string; field: string | null; level: string; body: string; score: number };

function documentFilters(f: SearchFilters): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (f.type) parts.push(sql`d.doc_type = ${f.type}`);
  if (f.issuer) parts.push(sql`d.issuer = ${f.issuer}`);
  if (f.field) parts.push(sql`d.field = ${f.field}`);
  if (f.status) parts.push(sql`d.status = ${f.status}`);
  if (f.level === 'central' || f.level === 'province') parts.push(sql`d.level = ${f.level}`);
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

function procedureFilters(f: SearchFilters): RawBuilder<boolean> | null {
  // Document-only filters exclude procedures.
  if (f.type || f.issuer || f.status || f.level === 'central' || f.level === 'province') return null;
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (f.field) parts.push(sql`p.field = ${f.field}`);
  if (f.level) parts.push(sql`${f.level} = ANY(p.levels)`);
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

function articleHit(r: ArticleRow, _pq: ParsedQuery, score: number): RankedHit {
  return {
    kind: 'article',
    url: articleUrl(r.document_id, r.article_no),
    title: r.heading,
    documentId: r.document_id,
    documentNumber: r.number,
    documentTitle: r.title,
    documentStatus: r.status,
    articleNo: r.article_no,
    procedureCode: null,
    field: r.field,
    level: r.level,
    passage: [],
    body: r.body,
    score,
  };
}

const ARTICLE_COLUMNS = sql`a.document_id, a.article_no, a.heading, a.body, d.number, d.title, d.status, d.field,
  d.level`;

/** Exact hits first: documents by number, an article of a named law. */
async function exactHits(db: Kysely<unknown>, pq: ParsedQuery, f: SearchFilters): Promise<RankedHit[]> {
  const hits: RankedHit[] = [];
  if (f.kind === 'procedure') return hits;
  if (pq.number) {
    const rows = (
      await sql<{
        id: string;
        number: string;
        title: string;
        status: DocumentStatus;
        field: string | null;
        level: string;
      }>`
        SELECT d.id, d.number, d.title, d.status, d.field, d.level FROM library_document d
        WHERE (d.number_folded LIKE ${`${pq.number.prefix.replace(/[%_\\]/g, '')}%`}
            OR d.number_folded = ${pq.number.prefix})
          AND (${pq.number.kind}::text IS NULL OR vn_fold(d.doc_type) = ${pq.number.kind})
          AND ${documentFilters(f)}
        ORDER BY d.status = 'expired', d.issued_date DESC NULLS LAST LIMIT 5`.execute(db)
    ).rows;
    for (const r of rows)
      hits.push({
        kind: 'document',
        url: documentUrl(r.id),
        title: r.title,
        documentId: r.id,
        documentNumber: r.number,
        documentTitle: r.title,
        documentStatus: r.status,
        articleNo: null,
        procedureCode: null,
        field: r.field,
        level: r.level,
        passage: [],
        score: 1000,
      });
  }
  if (pq.article?.lawWords) {
    const words = pq.article.lawWords.replace(/[%_\\]/g, '');
    // A law named by (part of) its title or its number; failing that, the closest title.
    const rows = (
      await sql<ArticleRow>`WITH named AS (
          SELECT d.id, 1 AS how FROM library_document d
          WHERE d.title_folded LIKE ${`%${words}%`} OR d.number_folded LIKE ${`${words}%`}),
        closest AS (
          SELECT d.id, 2 AS how FROM library_document d
          WHERE NOT EXISTS (SELECT 1 FROM named) AND word_similarity(${words}, d.title_folded) >= 0.6
          ORDER BY word_similarity(${words}, d.title_folded) DESC LIMIT 1)
        SELECT ${ARTICLE_COLUMNS}, 0 AS score
        FROM (SELECT * FROM named UNION ALL SELECT * FROM closest) n
        JOIN library_document d ON d.id = n.id
        JOIN library_article a ON a.document_id = d.id AND a.article_no = ${pq.article.no}
        WHERE ${documentFilters(f)}
        ORDER BY d.status = 'expired', length(d.title) LIMIT 3`.execute(db)
    ).rows;
    for (const r of rows) hits.push(articleHit(r, pq, 900));
  }
  return hits;
}

/**
 * Answers to recent queries (the same questions come back: "BHXH một lần", "thủ tục khai sinh"), kept for five
 * minutes and dropped as soon as the library changes (import, librarian edits). Bounded, least recently used first out.
 */
const CACHE_SIZE = 2000;
const CACHE_MS = 5 * 60_000;
const cache = new Map<string, { at: number; value: unknown }>();
let cacheGeneration = 0;

export function forgetSearchCache(): void {
  cache.clear();
  cacheGeneration++;
}

async function cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.value as T;
  }
  const generation = cacheGeneration;
  const value = await compute();
  if (generation === cacheGeneration) {
    cache.set(key, { at: Date.now(), value });
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return value;
}

export async function searchLibrary(
  db: Kysely<unknown>,
  q: string,
  f: SearchFilters = {},
  page: { limit: number; offset: number } = { limit: 20, offset: 0 },
  opts: { cache?: boolean } = {},
): Promise<SearchResult> {
  if (opts.cache) {
    const key = `s|${q}|${JSON.stringify(f)}|${page.limit}|${page.offset}`;
    return cached(key, () => searchLibrary(db, q, f, page));
  }
  const t0 = performance.now();
  const pq = parseQuery(q);
  const want = page.offset + page.limit + 1;
  const exact = page.offset === 0 ? await exactHits(db, pq, f) : [];
  const { stats } = await termStats(db, [...pq.unigrams, ...pq.bigrams]);
  let ranked: RankedHit[] = [];
  if (stats.length) {
    const cand = candidatesQuery(stats);
    const jobs: Promise<RankedHit[]>[] = [];
    if (f.kind !== 'procedure') {
      jobs.push(
        sql<ArticleRow>`SELECT * FROM (
            SELECT ${ARTICLE_COLUMNS}, ${scoreOf(sql`a.search_vector`, stats)} * ${STATUS_FACTOR} AS score
            FROM (SELECT document_id, article_no, heading, body, search_vector || ''::tsvector AS search_vector
              FROM (SELECT * FROM library_article
                WHERE search_vector @@ ${cand}::tsquery OR heading_vector @@ ${headingQuery(stats)}::tsquery
                LIMIT ${CANDIDATES} OFFSET 0) c
              ORDER BY ts_rank(search_vector, ${anyTerm(stats)}::tsquery, ${RANK_NORMALISATION}) DESC
              LIMIT ${FIRST_PASS}) a
            JOIN library_document d ON d.id = a.document_id
            WHERE ${documentFilters(f)}) s
          ORDER BY score DESC, document_id, article_no LIMIT ${want}`
          .execute(db)
          .then((r) => r.rows.map((row) => articleHit(row, pq, row.score))),
      );
    }
    const pf = f.kind === 'article' ? null : procedureFilters(f);
    if (pf) {
      jobs.push(
        sql<ProcedureRow>`SELECT p.code, p.name, p.field, p.level,
            coalesce(p.steps->>0, '') || ' ' || coalesce(p.result, '') AS body,
            ${scoreOf(sql`p.v`, stats)} AS score
          FROM (SELECT *, search_vector || ''::tsvector AS v FROM library_procedure
            WHERE search_vector @@ ${cand}::tsquery LIMIT ${CANDIDATES} OFFSET 0) p WHERE ${pf}
          ORDER BY score DESC, p.code LIMIT ${want}`
          .execute(db)
          .then((r) =>
            r.rows.map(
              (row): RankedHit => ({
                kind: 'procedure',
                url: procedureUrl(row.code),
                title: row.name,
                documentId: null,
                documentNumber: null,
                documentTitle: null,
                documentStatus: null,
                articleNo: null,
                procedureCode: row.code,
                field: row.field,
                level: row.level,
                passage: [],
                body: row.body,
                score: row.score,
              }),
            ),
          ),
      );
    }
    ranked = (await Promise.all(jobs)).flat().sort((a, b) => b.score - a.score);
  }
  const seen = new Set(exact.map((h) => h.url));
  const all = [...exact, ...ranked.filter((h) => !seen.has(h.url))];
  const slice = all.slice(page.offset, page.offset + page.limit).map(({ body, ...h }) => ({
    ...h,
    passage: body ? highlight(body, pq.unigrams, h.kind === 'procedure' ? 200 : 260) : [],
  }));
  return { q: pq.raw, hits: slice, more: all.length > page.offset + page.limit, ms: performance.now() - t0 };
}

export type Suggestion = { label: string; url: string; kind: 'document' | 'article' | 'procedure' };

/** Suggestions as one types: law titles, article headings and procedure names containing the typed words. */
export async function suggest(db: Kysely<unknown>, q: string): Promise<Suggestion[]> {
  return cached(`g|${parseQuery(q).folded}`, () => suggestUncached(db, q));
}

async function suggestUncached(db: Kysely<unknown>, q: string): Promise<Suggestion[]> {
  const folded = parseQuery(q).folded.replace(/[%_\\]/g, '');
  if (folded.length < 2) return [];
  const like = `%${folded}%`;
  const rows = (
    await sql<Suggestion & { rank: number }>`
      (SELECT title AS label, '/thu-vien/luat/' || id AS url, 'document' AS kind, 0 AS rank
        FROM library_document WHERE title_folded LIKE ${like} OR number_folded LIKE ${`${folded}%`}
        ORDER BY status = 'expired', length(title) LIMIT 4)
      UNION ALL
      (SELECT name AS label, '/thu-vien/thu-tuc/' || code AS url, 'procedure' AS kind, 1 AS rank
        FROM library_procedure WHERE name_folded LIKE ${like} ORDER BY length(name) LIMIT 3)
      UNION ALL
      (SELECT a.heading || ' — ' || d.title AS label, '/thu-vien/luat/' || a.document_id || '/dieu-' || a.article_no AS url,
          'article' AS kind, 2 AS rank
        FROM library_article a JOIN library_document d ON d.id = a.document_id
        WHERE a.heading_folded LIKE ${like} ORDER BY d.status = 'expired', length(a.heading) LIMIT 4)`.execute(db)
  ).rows;
  return rows.map(({ label, url, kind }) => ({ label, url, kind }));
}
