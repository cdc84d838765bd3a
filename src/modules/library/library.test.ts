import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { type ImportReport, importLibrary } from './corpus-import.ts';
import { loadTestLibrary, TEST_DOCUMENTS } from './library.test-helpers.ts';
import { searchLibrary } from './search.repo.ts';

let t: TestApp;
let db: Kysely<unknown>;
let first: ImportReport;
beforeAll(async () => {
  t = await createTestApp();
  db = t.database.db as unknown as Kysely<unknown>;
  first = await loadTestLibrary(t);
}, 120_000);
afterAll(() => t.close());

const urls = async (q: string, limit = 10) =>
  (await searchLibrary(db, q, {}, { limit, offset: 0 })).hits.map((h) => h.url);

describe('import', () => {
  it('loads every chosen document with its articles, and nothing is skipped', () => {
    expect(first.documents.inserted).toBe(TEST_DOCUMENTS.length);
    expect(first.articles).toBeGreaterThan(1000);
    expect(first.procedures.inserted).toBe(5);
    expect(first.skipped).toEqual([]);
  });

  it('is idempotent: a second run changes nothing', async () => {
    const again = await loadTestLibrary(t);
    expect(again.documents).toEqual({ inserted: 0, updated: 0, unchanged: TEST_DOCUMENTS.length });
    expect(again.procedures).toEqual({ inserted: 0, updated: 0, unchanged: 5 });
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM library_article`.execute(db);
    expect(rows[0]!.n).toBe(first.articles);
  });

  it('skips broken records with the reason and line, and imports the rest', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'library-import-'));
    const good = {
      id: 'test-01-2099',
      title: 'Luật thử nghiệm',
      number: '01/2099/QH99',
      type: 'Luật',
      issuer: 'Quốc hội',
      issued_date: '2099-01-01',
      preamble: '',
      closing: '',
      articles: [{ id: '1', title: 'Điều 1. Phạm vi', text: 'Luật này thử nghiệm.' }],
    };
    const lines = [
      JSON.stringify(good),
      '{not json',
      JSON.stringify({ ...good, id: 'test-02-2099', articles: [] }),
      JSON.stringify({
        ...good,
        id: 'test-03-2099',
        articles: [
          { id: '1', title: 'Điều 1.', text: 'a' },
          { id: '1', title: 'Điều 1.', text: 'b' },
        ],
      }),
    ];
    writeFileSync(path.join(dir, 'corpus.jsonl.gz'), gzipSync(lines.join('\n')));
    writeFileSync(path.join(dir, 'procedures.jsonl.gz'), gzipSync(`${JSON.stringify({ id: '9.9', level: 'x' })}\n`));
    const report = await importLibrary(db, { dir });
    expect(report.documents.inserted).toBe(1);
    expect(report.skipped.map((s) => [s.line, s.reason])).toEqual([
      [2, 'dòng không phải JSON hợp lệ'],
      [3, 'văn bản không có điều nào (articles)'],
      [4, 'Điều 1 xuất hiện hai lần'],
      [1, 'thiếu tên thủ tục (name)'],
    ]);
    const { rows } = await sql<{ id: string }>`SELECT id FROM library_document WHERE id LIKE 'test-%'`.execute(db);
    expect(rows.map((r) => r.id)).toEqual(['test-01-2099']);
    // No "hiệu lực" article: no effective date, so in force.
    const status = await sql<{ status: string }>`SELECT status FROM library_document WHERE id = 'test-01-2099'`.execute(
      db,
    );
    expect(status.rows[0]!.status).toBe('in_force');
    await sql`DELETE FROM library_document WHERE id = 'test-01-2099'`.execute(db);
  });
});

describe('document model', () => {
  it('the older of two versions is expired, replaced by the newer, from the day the newer takes effect', async () => {
    const { rows } = await sql<{ id: string; status: string; replaced_by_id: string | null; status_date: string }>`
      SELECT id, status, replaced_by_id, status_date FROM library_document
      WHERE id IN ('15-2003-qh11', '06-2022-qh15') ORDER BY id`.execute(db);
    expect(rows).toEqual([
      { id: '06-2022-qh15', status: 'in_force', replaced_by_id: null, status_date: '2024-01-01' },
      { id: '15-2003-qh11', status: 'expired', replaced_by_id: '06-2022-qh15', status_date: '2024-01-01' },
    ]);
  });

  it('a law whose chapter a later law repeals is partly expired', async () => {
    const { rows } = await sql<{
      status: string;
    }>`SELECT status FROM library_document WHERE id = '02-2011-qh13'`.execute(db);
    expect(rows[0]!.status).toBe('partly_expired');
  });

  it('finds references in the text and links those in the library', async () => {
    const { rows } = await sql<{ kind: string; target_document_id: string | null; target_label: string }>`
      SELECT kind, target_document_id, target_label FROM library_relation
      WHERE source_document_id = '02-2011-qh13' AND source_article_no = '7'`.execute(db);
    expect(rows).toContainEqual({
      kind: 'refers_to',
      target_document_id: '93-2015-qh13',
      target_label: '93/2015/QH13',
    });
    const basis = await sql<{ target_document_id: string }>`SELECT target_document_id FROM library_relation
      WHERE source_document_id = '75-2015-qh13' AND kind = 'legal_basis'`.execute(db);
    expect(basis.rows.map((r) => r.target_document_id)).toEqual(['hien-phap-2013']);
  });
});

describe('search', () => {
  it('unaccented and accented queries find the same articles', async () => {
    const pairs = [
      ['thời hạn giải quyết khiếu nại lần đầu', 'thoi han giai quyet khieu nai lan dau'],
      ['hòa giải viên ở cơ sở', 'hoa giai vien o co so'],
      ['Ủy ban Mặt trận Tổ quốc', 'uy ban mat tran to quoc'],
      ['đại hội đại biểu toàn quốc', 'dai hoi dai bieu toan quoc'],
    ];
    for (const [accented, plain] of pairs) {
      const a = await urls(accented!);
      expect(a.length).toBeGreaterThan(0);
      expect(await urls(plain!)).toEqual(a);
    }
    expect(await urls('thoi han giai quyet khieu nai lan dau', 1)).toEqual(['/thu-vien/luat/02-2011-qh13/dieu-28']);
  });

  it('unifies tone-mark placement and đ/d', async () => {
    expect(await urls('hoà giải ở cơ sở')).toEqual(await urls('hòa giải ở cơ sở'));
    expect(await urls('uỷ ban nhân dân')).toEqual(await urls('ủy ban nhân dân'));
    expect(await urls('dieu kien')).toEqual(await urls('điều kiện'));
  });

  it('a document number finds its document first', async () => {
    for (const q of ['75/2015', '75/2015/QH13', 'luật số 75', 'Luật 75/2015/qh13']) {
      const r = await searchLibrary(db, q);
      expect(r.hits[0], q).toMatchObject({
        kind: 'document',
        documentId: '75-2015-qh13',
        documentNumber: '75/2015/QH13',
      });
    }
  });

  it('"điều 10 luật mặt trận" opens that article', async () => {
    const r = await searchLibrary(db, 'điều 10 luật mặt trận');
    expect(r.hits[0]).toMatchObject({ kind: 'article', documentId: '75-2015-qh13', articleNo: '10' });
    expect((await searchLibrary(db, 'dieu 28 luat khieu nai')).hits[0]).toMatchObject({ articleNo: '28' });
  });

  it('understands abbreviations', async () => {
    expect((await urls('BHXH một lần', 3)).some((u) => u.startsWith('/thu-vien/luat/58-2014-qh13/'))).toBe(true);
    expect(await urls('trách nhiệm của UBND')).toEqual(await urls('trách nhiệm của ủy ban nhân dân'));
    expect(await urls('MTTQ giám sát')).toEqual(await urls('mặt trận tổ quốc giám sát'));
  });

  it('an expired law is marked and ranked below its replacement', async () => {
    // Both laws have an article on the Gold Star Order; only the 2022 law is in force.
    const all: { documentId: string | null; documentStatus: string | null }[] = [];
    for (let offset = 0; offset < 500 && !all.some((h) => h.documentId === '15-2003-qh11'); offset += 50)
      all.push(...(await searchLibrary(db, 'huân chương sao vàng', { kind: 'article' }, { limit: 50, offset })).hits);
    const newer = all.findIndex((h) => h.documentId === '06-2022-qh15');
    const older = all.findIndex((h) => h.documentId === '15-2003-qh11');
    expect(newer).toBe(0);
    expect(older).toBeGreaterThan(newer);
    expect(all[older]!.documentStatus).toBe('expired');
    // Without the status weighting the older article would be a strong match: it is found alone when filtered.
    const expiredOnly = await searchLibrary(db, 'huân chương sao vàng', { status: 'expired' });
    expect(expiredOnly.hits[0]).toMatchObject({ documentId: '15-2003-qh11', documentStatus: 'expired' });
  });

  it('highlights the matching passage', async () => {
    const r = await searchLibrary(db, 'thoi han giai quyet khieu nai lan dau');
    const marked = r.hits[0]!.passage.filter((s) => s.m).map((s) => s.t);
    expect(marked.slice(0, 4)).toEqual(['Thời', 'hạn', 'giải', 'quyết']);
  });

  it('filters by status, kind and level', async () => {
    const expired = await searchLibrary(db, 'thi đua khen thưởng', { status: 'expired' });
    expect(expired.hits.length).toBeGreaterThan(0);
    expect(expired.hits.every((h) => h.documentId === '15-2003-qh11')).toBe(true);
    const procs = await searchLibrary(db, 'giải quyết khiếu nại', { kind: 'procedure' });
    expect(procs.hits.length).toBeGreaterThan(0);
    expect(procs.hits.every((h) => h.kind === 'procedure')).toBe(true);
    const province = await searchLibrary(db, 'giải quyết khiếu nại', { kind: 'procedure', level: 'Cấp tỉnh' });
    expect(province.hits.map((h) => h.procedureCode)).toContain('1.003504');
    expect(province.hits.map((h) => h.procedureCode)).not.toContain('1.000178');
  });
});

describe('search API', () => {
  it('GET /api/library/search names the document number and the article of each hit', async () => {
    const res = await t.app.inject({
      url: '/api/library/search?q=thoi%20han%20giai%20quyet%20khieu%20nai%20lan%20dau',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().hits[0]).toMatchObject({
      kind: 'article',
      documentNumber: '02/2011/QH13',
      articleNo: '28',
      documentStatus: 'partly_expired',
      url: '/thu-vien/luat/02-2011-qh13/dieu-28',
    });
  });

  it('refuses a missing query with a localised 400', async () => {
    const vi = await t.app.inject({ url: '/api/library/search' });
    expect(vi.statusCode).toBe(400);
    expect(vi.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(vi.json().requestId).toBeTruthy();
    const tooLong = await t.app.inject({ url: `/api/library/search?q=${'a'.repeat(300)}` });
    expect(tooLong.statusCode).toBe(400);
  });

  it('suggests titles, headings and procedures as one types', async () => {
    const res = await t.app.inject({ url: '/api/library/suggest?q=khieu%20nai' });
    expect(res.statusCode).toBe(200);
    const labels = res.json().items.map((i: { label: string }) => i.label);
    expect(labels).toContain('Luật khiếu nại');
  });

  it('is in the OpenAPI document', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    const spec = res.json();
    expect(spec.paths['/api/library/search'].get).toBeTruthy();
    expect(spec.paths['/api/library/suggest'].get).toBeTruthy();
  });
});
