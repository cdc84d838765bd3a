import { type Kysely, sql } from 'kysely';
import { procedureSearchText } from './procedure-text.ts';
import { type IndexedArticle, type IndexedDocument, type IndexedProcedure, SearchIndex } from './search-index.ts';

/**
 * Each process holds one search index per database, built from the library tables at the first search (or at
 * start, see index.ts) and rebuilt when the library changes. Changes are seen across processes through
 * `library_generation` (migration 0052), a counter that triggers bump in the same transaction as any write to
 * documents, articles or procedures (imports, librarians' edits): each search and suggestion reads it (one tiny
 * query, the only one they make, shared by the searches arriving while the previous read was in flight) and the
 * index is rebuilt when it moved. One build at a time: a search arriving
 * during a build waits for it.
 */

const PAGE = 200;
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

type HeldIndex = { generation: string; index: SearchIndex };
type Held = { generation: string; index: SearchIndex | null; building: Promise<HeldIndex> | null };
const held = new WeakMap<object, Held>();

async function readGeneration(db: Kysely<unknown>): Promise<string> {
  const { rows } = await sql<{ n: string }>`SELECT n::text AS n FROM library_generation`.execute(db);
  return rows[0]?.n ?? '0';
}

/** Per database: the counter read in flight, and the one queued to start when it ends (shared by its waiters). */
type Reads = { current: Promise<string> | null; next: Promise<string> | null };
const reads = new WeakMap<object, Reads>();

/**
 * The library's change counter, read by a query that starts after the call: as fresh as reading it in the call,
 * but shared. A call while a read is in flight waits for the next read, which starts when that one ends and serves
 * every call made meanwhile (that read began before them, so it might miss a change committed just before them).
 * Under load, one query serves the searches that arrived during the previous one instead of one query each.
 */
export function libraryGeneration(db: Kysely<unknown>): Promise<string> {
  let r = reads.get(db);
  if (!r) {
    r = { current: null, next: null };
    reads.set(db, r);
  }
  const state = r;
  const start = (): Promise<string> => {
    const p = readGeneration(db);
    state.current = p;
    const done = () => {
      if (state.current === p) state.current = null;
    };
    p.then(done, done);
    return p;
  };
  if (!state.current) return start();
  if (!state.next) {
    const after = () => {
      state.next = null;
      return start();
    };
    state.next = state.current.then(after, after);
  }
  return state.next;
}

/** The index for the library at `generation` (read now when not given): built, or rebuilt if it moved. */
export async function searchIndexOf(db: Kysely<unknown>, generation?: string): Promise<HeldIndex> {
  let h = held.get(db);
  if (h?.building) return h.building;
  const now = generation ?? (await libraryGeneration(db));
  h = held.get(db);
  if (h?.building) return h.building;
  if (h?.index && h.generation === now) return { generation: now, index: h.index };
  const entry: Held = { generation: now, index: h?.index ?? null, building: null };
  entry.building = buildSearchIndex(db).then(
    (index) => {
      entry.index = index;
      entry.building = null;
      return { generation: now, index };
    },
    (err) => {
      if (held.get(db) === entry) held.delete(db);
      throw err;
    },
  );
  held.set(db, entry);
  return entry.building;
}

/** Reads the library in pages, yielding between them (on PGlite the database shares the server's thread). */
export async function buildSearchIndex(db: Kysely<unknown>): Promise<SearchIndex> {
  const documents = (
    await sql<IndexedDocument>`SELECT id, number, title, doc_type AS "docType", issuer, status, field, level,
      issued_date::text AS "issuedDate" FROM library_document ORDER BY id`.execute(db)
  ).rows;
  async function* articlePages(): AsyncIterable<IndexedArticle[]> {
    let after = ['', ''];
    for (;;) {
      const { rows } = await sql<IndexedArticle>`SELECT document_id AS "documentId", article_no AS "articleNo", heading,
          body FROM library_article WHERE (document_id, article_no) > (${after[0]}, ${after[1]})
        ORDER BY document_id, article_no LIMIT ${PAGE}`.execute(db);
      if (!rows.length) return;
      yield rows;
      const last = rows[rows.length - 1]!;
      after = [last.documentId, last.articleNo];
    }
  }
  async function* procedurePages(): AsyncIterable<IndexedProcedure[]> {
    let after = '';
    for (;;) {
      const { rows } = await sql<{
        code: string;
        name: string;
        field: string | null;
        level: string;
        levels: string[];
        steps: string[];
        documents: { name?: string }[];
        result: string | null;
        implementing_agency: string | null;
        competent_authority: string | null;
        ministry: string | null;
        applicants: string | null;
      }>`SELECT code, name, field, level, levels, steps, documents, result, implementing_agency, competent_authority,
          ministry, applicants FROM library_procedure WHERE code > ${after} ORDER BY code LIMIT ${PAGE}`.execute(db);
      if (!rows.length) return;
      yield rows.map((p) => ({
        code: p.code,
        name: p.name,
        field: p.field,
        level: p.level,
        levels: p.levels,
        text: procedureSearchText({ ...p, conditions: null }),
        passage: `${p.steps[0] ?? ''} ${p.result ?? ''}`,
      }));
      after = rows[rows.length - 1]!.code;
    }
  }
  return SearchIndex.build({ documents, articlePages: articlePages(), procedurePages: procedurePages(), pause });
}
