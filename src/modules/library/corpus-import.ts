import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import { withTransaction } from '../../core/db/transaction.ts';
import { effectiveDateOf } from './document-text.ts';
import { forgetCatalog } from './library.repo.ts';
import { analyzeLibrary, refreshAutoRelations } from './relations.repo.ts';

/**
 * `npm run library:import` and the first start of an empty library: loads reference/library/*.jsonl.gz.
 *
 * Idempotent: a document or procedure whose source line is unchanged (same SHA-256) is left alone; a changed one is
 * rewritten. All-or-nothing per document: a document's row and its articles are written in one transaction, after
 * the whole record has been checked; a record that fails the checks is skipped and reported with the reason.
 * Status, field and relations a librarian set are never overwritten by a re-import.
 */

export const REFERENCE_DIR = path.resolve(import.meta.dirname, '../../../reference/library');

export type Skipped = { file: string; line: number; id: string | null; reason: string };
export type ImportReport = {
  documents: { inserted: number; updated: number; unchanged: number };
  articles: number;
  procedures: { inserted: number; updated: number; unchanged: number };
  relations: number;
  skipped: Skipped[];
  ms: number;
};
export type ImportOptions = {
  dir?: string;
  /** Only these document ids / procedure codes (tests load a few). */
  documents?: string[];
  procedures?: string[] | 'none';
  onProgress?: (p: { stage: 'documents' | 'procedures' | 'relations'; done: number; total: number }) => void;
  /** Yield to the event loop between records, so that a server importing in the background keeps answering. */
  yieldBetween?: boolean;
};

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

type RawArticle = {
  id?: unknown;
  title?: unknown;
  text?: unknown;
  chapter?: unknown;
  section?: unknown;
  part?: unknown;
};
type RawDocument = {
  id?: unknown;
  title?: unknown;
  number?: unknown;
  type?: unknown;
  issuer?: unknown;
  issued_date?: unknown;
  source?: unknown;
  source_file?: unknown;
  preamble?: unknown;
  closing?: unknown;
  articles?: unknown;
  article_gaps?: unknown;
  quality_note?: unknown;
};

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function readLines(file: string): string[] {
  return gunzipSync(readFileSync(file)).toString('utf8').split('\n');
}

export type CheckedDocument = {
  id: string;
  number: string | null;
  title: string;
  docType: string;
  issuer: string;
  issuedDate: string | null;
  effectiveDate: string | null;
  preamble: string;
  closing: string;
  source: string | null;
  sourceFile: string | null;
  qualityNote: string | null;
  articleGaps: number[];
  articles: {
    articleNo: string;
    heading: string;
    body: string;
    part: string | null;
    chapter: string | null;
    section: string | null;
  }[];
};

/** Checks one corpus record; returns the reason it cannot be imported, or the document. */
export function checkDocument(raw: RawDocument): CheckedDocument | string {
  const id = str(raw.id);
  if (!id || !/^[a-z0-9][a-z0-9-]*$/.test(id)) return 'mã văn bản (id) thiếu hoặc không hợp lệ';
  const title = str(raw.title);
  if (!title) return 'thiếu tên văn bản (title)';
  const docType = str(raw.type);
  if (!docType) return 'thiếu loại văn bản (type)';
  const issuer = str(raw.issuer);
  if (!issuer) return 'thiếu cơ quan ban hành (issuer)';
  const issued = str(raw.issued_date);
  if (issued && !ISO_DATE.test(issued)) return `ngày ban hành không hợp lệ: ${issued}`;
  if (!Array.isArray(raw.articles) || raw.articles.length === 0) return 'văn bản không có điều nào (articles)';
  const seen = new Set<string>();
  const articles: CheckedDocument['articles'] = [];
  for (const [i, a] of (raw.articles as RawArticle[]).entries()) {
    const no = str(a?.id)?.toLowerCase();
    const heading = str(a?.title);
    if (!no || !/^\d{1,4}[a-zđ]?$/.test(no)) return `điều thứ ${i + 1}: số điều không hợp lệ`;
    if (seen.has(no)) return `Điều ${no} xuất hiện hai lần`;
    seen.add(no);
    if (!heading) return `Điều ${no}: thiếu tiêu đề`;
    const body = typeof a.text === 'string' ? a.text : '';
    articles.push({
      articleNo: no,
      heading,
      body,
      part: str(a.part),
      chapter: str(a.chapter),
      section: str(a.section),
    });
  }
  return {
    id,
    number: str(raw.number),
    title,
    docType,
    issuer,
    issuedDate: issued,
    effectiveDate: effectiveDateOf(articles),
    preamble: str(raw.preamble) ?? '',
    closing: str(raw.closing) ?? '',
    source: str(raw.source),
    sourceFile: str(raw.source_file),
    qualityNote: str(raw.quality_note),
    articleGaps: Array.isArray(raw.article_gaps) ? raw.article_gaps.filter((n) => Number.isInteger(n)) : [],
    articles,
  };
}

export function todayIso(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Writes one checked document and its articles (the caller's transaction). */
export async function writeDocument(
  trx: Kysely<unknown>,
  d: CheckedDocument,
  hash: string,
  extra: { origin: 'corpus' | 'librarian'; unitPath?: string; level?: 'central' | 'province'; field?: string | null },
  exists: boolean,
): Promise<void> {
  const status = d.effectiveDate && d.effectiveDate > todayIso() ? 'not_yet_in_force' : 'in_force';
  if (exists) {
    await sql`UPDATE library_document SET number = ${d.number}, title = ${d.title}, doc_type = ${d.docType},
        issuer = ${d.issuer}, issued_date = ${d.issuedDate}, effective_date = coalesce(effective_date, ${d.effectiveDate}),
        preamble = ${d.preamble}, closing = ${d.closing}, source = ${d.source}, source_file = ${d.sourceFile},
        quality_note = ${d.qualityNote}, article_gaps = ${d.articleGaps}, content_hash = ${hash}, updated_at = now()
      WHERE id = ${d.id}`.execute(trx);
    await sql`DELETE FROM library_article WHERE document_id = ${d.id}`.execute(trx);
  } else {
    await sql`INSERT INTO library_document (id, number, title, doc_type, issuer, issued_date, effective_date, status,
        status_date, field, level, unit_path, preamble, closing, source, source_file, quality_note, article_gaps, origin,
        content_hash)
      VALUES (${d.id}, ${d.number}, ${d.title}, ${d.docType}, ${d.issuer}, ${d.issuedDate}, ${d.effectiveDate},
        ${status}, ${d.effectiveDate}, ${extra.field ?? null}, ${extra.level ?? 'central'}, ${extra.unitPath ?? 'vn'}::ltree,
        ${d.preamble}, ${d.closing}, ${d.source}, ${d.sourceFile}, ${d.qualityNote}, ${d.articleGaps}, ${extra.origin},
        ${hash})`.execute(trx);
  }
  for (let i = 0; i < d.articles.length; i += 200) {
    const rows = d.articles
      .slice(i, i + 200)
      .map(
        (a, j) =>
          sql`(${d.id}, ${a.articleNo}, ${i + j + 1}, ${a.heading}, ${a.body}, ${a.part}, ${a.chapter}, ${a.section})`,
      );
    await sql`INSERT INTO library_article (document_id, article_no, ordinal, heading, body, part, chapter, section)
      VALUES ${sql.join(rows)}`.execute(trx);
  }
}

type RawProcedure = Record<string, unknown>;

function checkProcedure(raw: RawProcedure): Record<string, unknown> | string {
  const code = str(raw.id);
  if (!code || !/^[0-9A-Za-z.\-_]+$/.test(code)) return 'mã thủ tục (id) thiếu hoặc không hợp lệ';
  const name = str(raw.name);
  if (!name) return 'thiếu tên thủ tục (name)';
  const level = str(raw.level);
  if (!level) return 'thiếu cấp thực hiện (level)';
  const arr = (v: unknown) => (Array.isArray(v) ? v : []);
  return {
    code,
    name,
    ministry: str(raw.ministry_or_sector),
    implementing_agency: str(raw.implementing_agency),
    competent_authority: str(raw.competent_authority),
    level,
    levels: level.split(',').map((l) => l.trim()),
    field: str(raw.field),
    procedure_type: str(raw.procedure_type),
    applicants: str(raw.applicants),
    decision_no: str(raw.decision_no),
    steps: arr(raw.steps).filter((s) => typeof s === 'string'),
    channels: arr(raw.submission_channels),
    processing_time: arr(raw.processing_time),
    fees: arr(raw.fees),
    documents: arr(raw.required_documents),
    conditions: str(raw.conditions),
    result: str(raw.result),
    legal_basis_codes: arr(raw.legal_basis_codes).filter((s) => typeof s === 'string'),
    legal_basis_text: str(raw.legal_basis_text),
    url: str(raw.url),
  };
}

async function writeProcedure(trx: Kysely<unknown>, p: Record<string, unknown>, hash: string): Promise<void> {
  const j = (v: unknown) => JSON.stringify(v);
  await sql`INSERT INTO library_procedure (code, name, ministry, implementing_agency, competent_authority, level, levels,
      field, procedure_type, applicants, decision_no, steps, channels, processing_time, fees, documents, conditions,
      result, legal_basis_codes, legal_basis_text, url, content_hash)
    VALUES (${p.code}, ${p.name}, ${p.ministry}, ${p.implementing_agency}, ${p.competent_authority}, ${p.level},
      ${p.levels}, ${p.field}, ${p.procedure_type}, ${p.applicants}, ${p.decision_no}, ${j(p.steps)}::jsonb,
      ${j(p.channels)}::jsonb, ${j(p.processing_time)}::jsonb, ${j(p.fees)}::jsonb, ${j(p.documents)}::jsonb,
      ${p.conditions}, ${p.result}, ${p.legal_basis_codes}, ${p.legal_basis_text}, ${p.url}, ${hash})
    ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, ministry = EXCLUDED.ministry,
      implementing_agency = EXCLUDED.implementing_agency, competent_authority = EXCLUDED.competent_authority,
      level = EXCLUDED.level, levels = EXCLUDED.levels, field = EXCLUDED.field, procedure_type = EXCLUDED.procedure_type,
      applicants = EXCLUDED.applicants, decision_no = EXCLUDED.decision_no, steps = EXCLUDED.steps,
      channels = EXCLUDED.channels, processing_time = EXCLUDED.processing_time, fees = EXCLUDED.fees,
      documents = EXCLUDED.documents, conditions = EXCLUDED.conditions, result = EXCLUDED.result,
      legal_basis_codes = EXCLUDED.legal_basis_codes, legal_basis_text = EXCLUDED.legal_basis_text, url = EXCLUDED.url,
      content_hash = EXCLUDED.content_hash`.execute(trx);
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function parseLines(
  file: string,
  lines: string[],
  skipped: Skipped[],
): { line: number; raw: Record<string, unknown>; text: string }[] {
  const out: { line: number; raw: Record<string, unknown>; text: string }[] = [];
  lines.forEach((text, i) => {
    if (!text.trim()) return;
    try {
      const raw = JSON.parse(text);
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('not an object');
      out.push({ line: i + 1, raw, text });
    } catch {
      skipped.push({ file, line: i + 1, id: null, reason: 'dòng không phải JSON hợp lệ' });
    }
  });
  return out;
}

export async function importLibrary(db: Kysely<unknown>, opts: ImportOptions = {}): Promise<ImportReport> {
  const t0 = performance.now();
  const dir = opts.dir ?? REFERENCE_DIR;
  const skipped: Skipped[] = [];
  const report: ImportReport = {
    documents: { inserted: 0, updated: 0, unchanged: 0 },
    articles: 0,
    procedures: { inserted: 0, updated: 0, unchanged: 0 },
    relations: 0,
    skipped,
    ms: 0,
  };

  const docFile = 'corpus.jsonl.gz';
  let docs = parseLines(docFile, readLines(path.join(dir, docFile)), skipped);
  if (opts.documents) docs = docs.filter((d) => opts.documents!.includes(String(d.raw.id)));
  const known = new Map(
    (
      await sql<{ id: string; content_hash: string }>`SELECT id, content_hash FROM library_document`.execute(db)
    ).rows.map((r) => [r.id, r.content_hash]),
  );
  const seenIds = new Set<string>();
  for (const [i, { line, raw, text }] of docs.entries()) {
    const checked = checkDocument(raw as RawDocument);
    const id = typeof raw.id === 'string' ? raw.id : null;
    if (typeof checked === 'string') {
      skipped.push({ file: docFile, line, id, reason: checked });
    } else if (seenIds.has(checked.id)) {
      skipped.push({ file: docFile, line, id, reason: `mã văn bản ${checked.id} trùng với một dòng trước` });
    } else {
      seenIds.add(checked.id);
      const hash = sha(text);
      const before = known.get(checked.id);
      if (before === hash) report.documents.unchanged++;
      else {
        try {
          await withTransaction(db, (trx) =>
            writeDocument(trx as Kysely<unknown>, checked, hash, { origin: 'corpus' }, before !== undefined),
          );
          if (before === undefined) report.documents.inserted++;
          else report.documents.updated++;
          report.articles += checked.articles.length;
        } catch (err) {
          skipped.push({ file: docFile, line, id, reason: `lỗi ghi: ${(err as Error).message}` });
        }
      }
    }
    opts.onProgress?.({ stage: 'documents', done: i + 1, total: docs.length });
    if (opts.yieldBetween) await pause();
  }

  if (opts.procedures !== 'none') {
    const procFile = 'procedures.jsonl.gz';
    let procs = parseLines(procFile, readLines(path.join(dir, procFile)), skipped);
    if (Array.isArray(opts.procedures)) procs = procs.filter((p) => opts.procedures!.includes(String(p.raw.id)));
    const knownProcs = new Map(
      (
        await sql<{ code: string; content_hash: string }>`SELECT code, content_hash FROM library_procedure`.execute(db)
      ).rows.map((r) => [r.code, r.content_hash]),
    );
    const seen = new Set<string>();
    // Procedures are single rows: a batch of them per transaction, each checked before the batch is written.
    const batch: { p: Record<string, unknown>; hash: string; isNew: boolean }[] = [];
    const batchSize = opts.yieldBetween ? 25 : 100;
    const flush = async () => {
      if (!batch.length) return;
      await withTransaction(db, async (trx) => {
        for (const b of batch) await writeProcedure(trx as Kysely<unknown>, b.p, b.hash);
      });
      for (const b of batch) {
        if (b.isNew) report.procedures.inserted++;
        else report.procedures.updated++;
      }
      batch.length = 0;
    };
    for (const [i, { line, raw, text }] of procs.entries()) {
      const checked = checkProcedure(raw);
      const id = typeof raw.id === 'string' ? raw.id : null;
      if (typeof checked === 'string') skipped.push({ file: procFile, line, id, reason: checked });
      else if (seen.has(checked.code as string))
        skipped.push({ file: procFile, line, id, reason: `mã thủ tục ${checked.code} trùng với một dòng trước` });
      else {
        seen.add(checked.code as string);
        const hash = sha(text);
        const before = knownProcs.get(checked.code as string);
        if (before === hash) report.procedures.unchanged++;
        else batch.push({ p: checked, hash, isNew: before === undefined });
        if (batch.length >= batchSize) {
          await flush();
          if (opts.yieldBetween) await pause();
        }
      }
      if ((i + 1) % 100 === 0 || i + 1 === procs.length)
        opts.onProgress?.({ stage: 'procedures', done: i + 1, total: procs.length });
    }
    await flush();
  }

  const changed =
    report.documents.inserted + report.documents.updated + report.procedures.inserted + report.procedures.updated;
  if (changed > 0) {
    opts.onProgress?.({ stage: 'relations', done: 0, total: 1 });
    report.relations = await withTransaction(db, (trx) => refreshAutoRelations(trx as Kysely<unknown>));
    await analyzeLibrary(db);
    opts.onProgress?.({ stage: 'relations', done: 1, total: 1 });
  }
  await sql`INSERT INTO library_meta (key, value) VALUES ('last_import', ${JSON.stringify({
    at: new Date().toISOString(),
    documents: report.documents,
    procedures: report.procedures,
    skipped: skipped.length,
  })}::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`.execute(db);
  forgetCatalog();
  report.ms = Math.round(performance.now() - t0);
  return report;
}
