import { Document, Packer, Paragraph } from 'docx';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { splitIntoArticles } from './document-upload.ts';
import { centralLibrarian, loadTestLibrary, multipartFile, provinceLibrarian, signIn } from './library.test-helpers.ts';

let t: TestApp;
let db: Kysely<unknown>;
let central: Awaited<ReturnType<typeof signIn>>;
let hanoi: Awaited<ReturnType<typeof signIn>>;
let hcm: Awaited<ReturnType<typeof signIn>>;
beforeAll(async () => {
  t = await createTestApp();
  db = t.database.db as unknown as Kysely<unknown>;
  await loadTestLibrary(t);
  central = await signIn(t, centralLibrarian);
  hanoi = await signIn(t, provinceLibrarian('01'));
  hcm = await signIn(t, provinceLibrarian('79'));
}, 120_000);
afterAll(() => t.close());

const AMENDMENT = [
  'QUỐC HỘI',
  'Luật số: 97/2025/QH15',
  'Hà Nội, ngày 25 tháng 6 năm 2025',
  'LUẬT',
  'SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT MẶT TRẬN TỔ QUỐC VIỆT NAM',
  'Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;',
  'Chương I',
  'NHỮNG QUY ĐỊNH CHUNG',
  'Điều 1. Sửa đổi, bổ sung một số điều của Luật Mặt trận Tổ quốc Việt Nam',
  '1. Sửa đổi, bổ sung Điều 6 của Luật Mặt trận Tổ quốc Việt Nam số 75/2015/QH13 như sau:',
  'a) Mặt trận Tổ quốc Việt Nam được tổ chức ở trung ương, cấp tỉnh và cấp xã.',
  'Điều 2. Hiệu lực thi hành',
  'Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.',
];

async function docx(lines: string[]): Promise<Buffer> {
  const d = new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] });
  return Buffer.from(await Packer.toBuffer(d));
}

const count = async () => (await sql<{ n: number }>`SELECT count(*) AS n FROM library_document`.execute(db)).rows[0]!.n;

async function preview(content: Buffer | string, filename: string, headers = central) {
  const body = await multipartFile(content, filename);
  return t.app.inject({
    method: 'POST',
    url: '/api/library/uploads/preview',
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
}

describe('upload with article splitting previewed before saving', () => {
  it('splits a Word document into articles, chapters and metadata, and saves nothing', async () => {
    const before = await count();
    const res = await preview(await docx(AMENDMENT), 'luat-97-2025.docx');
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({
      number: '97/2025/QH15',
      docType: 'Luật',
      issuedDate: '2025-06-25',
      effectiveDate: '2025-07-01',
      issuer: 'Quốc hội',
    });
    expect(p.articles.map((a: { articleNo: string }) => a.articleNo)).toEqual(['1', '2']);
    expect(p.articles[0].chapter).toBe('Chương I NHỮNG QUY ĐỊNH CHUNG');
    expect(p.articles[0].body).toContain('a) Mặt trận Tổ quốc Việt Nam được tổ chức');
    expect(await count()).toBe(before);
  });

  it('refuses a broken upload with a clear error, and nothing is saved', async () => {
    const before = await count();
    const broken = await preview(Buffer.from('PK\u0003\u0004 this is not really a zip'), 'hong.docx');
    expect(broken.statusCode).toBe(422);
    expect(broken.json()).toMatchObject({ code: 'LIBRARY_UPLOAD_UNREADABLE' });
    expect(broken.json().message).toMatch(/tệp bị hỏng/);
    const text = await preview('Điều 1. Không phải tệp Word', 'ghi-chu.txt');
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('LIBRARY_UPLOAD_WRONG_TYPE');
    const noArticles = await preview(await docx(['QUỐC HỘI', 'Một công văn không có điều nào.']), 'cong-van.docx');
    expect(noArticles.statusCode).toBe(422);
    expect(noArticles.json().code).toBe('LIBRARY_UPLOAD_NO_ARTICLES');
    const english = await t.app.inject({
      method: 'POST',
      url: '/api/library/uploads/preview',
      headers: { ...central, 'accept-language': 'en' },
    });
    expect(english.statusCode).toBe(400);
    expect(english.json()).toMatchObject({
      code: 'LIBRARY_UPLOAD_REQUIRED',
      message: 'No document file (.docx or .pdf) was sent.',
    });
    expect(await count()).toBe(before);
  });

  it('only librarians may upload', async () => {
    const viewer = await signIn(t, { unitCode: 'VN', unitPath: 'vn', unitLevel: 'central', roles: ['viewer'] });
    expect((await preview(await docx(AMENDMENT), 'x.docx', viewer)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/library/uploads/preview' })).statusCode).toBe(401);
  });

  it('splits numbered articles from plain text the same way', () => {
    const p = splitIntoArticles(AMENDMENT.join('\n'));
    expect(p.articles).toHaveLength(2);
    expect(p.warnings).toEqual([]);
  });
});

describe('saving, editing and scope', () => {
  it('a Central librarian saves the 2025 amendment; it links to the law it amends; audited', async () => {
    const p = splitIntoArticles(AMENDMENT.join('\n'));
    const payload = {
      number: p.number,
      title: 'Luật sửa đổi, bổ sung một số điều của Luật Mặt trận Tổ quốc Việt Nam',
      docType: 'Luật',
      issuer: 'Quốc hội',
      issuedDate: p.issuedDate,
      effectiveDate: p.effectiveDate,
      preamble: p.preamble,
      articles: p.articles,
    };
    // Asked before it exists: the answer is remembered, and must be forgotten when the library changes.
    const early = await t.app.inject({ url: '/api/library/search?q=97%2F2025' });
    expect(early.json().hits.some((h: { documentId: string }) => h.documentId === '97-2025-qh15')).toBe(false);
    const res = await t.app.inject({ method: 'POST', url: '/api/library/documents', headers: central, payload });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ id: '97-2025-qh15', unitPath: 'vn', origin: 'librarian', status: 'in_force' });
    const rel = await sql<{ kind: string; target_document_id: string }>`SELECT kind, target_document_id
      FROM library_relation WHERE source_document_id = '97-2025-qh15'`.execute(db);
    expect(rel.rows).toContainEqual({ kind: 'amends', target_document_id: '75-2015-qh13' });
    const audit = await sql<{ action: string; target_id: string }>`SELECT action, target_id FROM audit_log
      WHERE action = 'library.document.create'`.execute(db);
    expect(audit.rows).toEqual([{ action: 'library.document.create', target_id: '97-2025-qh15' }]);
    const again = await t.app.inject({ method: 'POST', url: '/api/library/documents', headers: central, payload });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'LIBRARY_DOCUMENT_EXISTS',
      message: 'Văn bản số 97/2025/QH15 đã có trong thư viện.',
    });
    // Searchable at once.
    const search = await t.app.inject({ url: '/api/library/search?q=97%2F2025' });
    expect(search.json().hits[0]).toMatchObject({ documentId: '97-2025-qh15' });
  });

  it('a Central librarian sets a status by hand; the change is audited with before and after', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/library/documents/75-2015-qh13',
      headers: central,
      payload: { status: 'partly_expired', statusDate: '2025-07-01', statusNote: 'Sửa đổi bởi Luật số 97/2025/QH15' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'partly_expired', statusDate: '2025-07-01' });
    const audit = await sql<{ details: { changed: Record<string, { from: unknown; to: unknown }> } }>`
      SELECT details FROM audit_log WHERE action = 'library.document.update' AND target_id = '75-2015-qh13'`.execute(
      db,
    );
    expect(audit.rows[0]!.details.changed.status).toEqual({ from: 'in_force', to: 'partly_expired' });
    const page = await t.app.inject({ url: '/thu-vien/luat/75-2015-qh13' });
    expect(page.body).toContain('Hết hiệu lực một phần');
  });

  it('a province librarian cannot edit another province’s or Central documents (404), nothing changed', async () => {
    const central404 = await t.app.inject({
      method: 'PATCH',
      url: '/api/library/documents/02-2011-qh13',
      headers: hanoi,
      payload: { status: 'expired' },
    });
    expect(central404.statusCode).toBe(404);
    // Hà Nội adds a document of its own…
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/library/documents',
      headers: hanoi,
      payload: {
        number: '12/2025/NQ-HĐND',
        title: 'Nghị quyết về chính sách hỗ trợ Ban công tác Mặt trận',
        docType: 'Nghị quyết',
        issuer: 'Hội đồng nhân dân thành phố Hà Nội',
        issuedDate: '2025-08-01',
        articles: [
          { articleNo: '1', heading: 'Điều 1. Mức hỗ trợ', body: 'Hỗ trợ hằng tháng cho Ban công tác Mặt trận.' },
        ],
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ unitPath: 'vn.01', level: 'province' });
    const id = created.json().id;
    // …which Hồ Chí Minh City cannot touch…
    const other = await t.app.inject({
      method: 'PATCH',
      url: `/api/library/documents/${id}`,
      headers: hcm,
      payload: { title: 'Đổi tên' },
    });
    expect(other.statusCode).toBe(404);
    const rel = await t.app.inject({
      method: 'POST',
      url: `/api/library/documents/${id}/relations`,
      headers: hcm,
      payload: { kind: 'guides', targetId: '75-2015-qh13' },
    });
    expect(rel.statusCode).toBe(404);
    // …but Hà Nội and Central can.
    const own = await t.app.inject({
      method: 'POST',
      url: `/api/library/documents/${id}/relations`,
      headers: hanoi,
      payload: { kind: 'guides', targetId: '75-2015-qh13' },
    });
    expect(own.statusCode).toBe(201);
    const byCentral = await t.app.inject({
      method: 'PATCH',
      url: `/api/library/documents/${id}`,
      headers: central,
      payload: { field: 'Công tác Mặt trận' },
    });
    expect(byCentral.statusCode).toBe(200);
    const status = await sql<{ status: string; title: string }>`SELECT status, title FROM library_document
      WHERE id IN ('02-2011-qh13', ${id}) ORDER BY id`.execute(db);
    expect(status.rows).toEqual([
      { status: 'partly_expired', title: 'Luật khiếu nại' },
      { status: 'in_force', title: 'Nghị quyết về chính sách hỗ trợ Ban công tác Mặt trận' },
    ]);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/library/documents/${id}/relations/${own.json().id}`,
      headers: hcm,
    });
    expect(removed.statusCode).toBe(404);
  });

  it('a librarian relation "replaces" marks the older document expired and shows it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/library/documents/97-2025-qh15/relations',
      headers: central,
      payload: { kind: 'replaces', targetId: '35-2013-qh13' },
    });
    expect(res.statusCode).toBe(201);
    const page = await t.app.inject({ url: '/thu-vien/luat/35-2013-qh13' });
    expect(page.body).toContain('data-testid="replaced-by"');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/library/documents/97-2025-qh15/relations',
      headers: central,
      payload: { kind: 'replaces', targetId: 'khong-co' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('LIBRARY_RELATION_TARGET_UNKNOWN');
  });
});

describe('the librarian’s page, without JavaScript', () => {
  it('uploads, previews the splitting, saves; a broken file shows the error and saves nothing', async () => {
    const page = await t.app.inject({ url: '/quan-tri/thu-vien', headers: { ...central, accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('action="/quan-tri/thu-vien/xem-truoc"');
    const before = await count();
    const broken = await multipartFile(Buffer.from('%PDF-1.4 broken'), 'hong.pdf');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/quan-tri/thu-vien/xem-truoc',
      headers: { ...central, ...broken.headers, accept: 'text/html' },
      payload: broken.payload,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('data-testid="upload-error"');
    expect(bad.body).toContain('tệp bị hỏng hoặc không có lớp chữ');
    const lines = AMENDMENT.map((l) => l.replace('97/2025/QH15', '98/2025/QH15'));
    const file = await multipartFile(await docx(lines), 'luat.docx');
    const prev = await t.app.inject({
      method: 'POST',
      url: '/quan-tri/thu-vien/xem-truoc',
      headers: { ...central, ...file.headers, accept: 'text/html' },
      payload: file.payload,
    });
    expect(prev.statusCode).toBe(200);
    expect(prev.body).toContain('data-testid="preview"');
    expect(prev.body).toContain('Điều 2. Hiệu lực thi hành');
    expect(await count()).toBe(before);
    const articles = JSON.stringify(splitIntoArticles(lines.join('\n')).articles);
    const save = await t.app.inject({
      method: 'POST',
      url: '/quan-tri/thu-vien/luu',
      headers: { ...central, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        number: '98/2025/QH15',
        title: 'Luật thử lưu từ trang thủ thư',
        docType: 'Luật',
        issuer: 'Quốc hội',
        issuedDate: '2025-06-25',
        effectiveDate: '2025-07-01',
        articles,
      }).toString(),
    });
    expect(save.statusCode).toBe(303);
    expect(save.headers.location).toBe('/thu-vien/luat/98-2025-qh15');
    expect(await count()).toBe(before + 1);
  });

  it('is not there for cadres without the librarian role', async () => {
    const viewer = await signIn(t, { unitCode: 'VN', unitPath: 'vn', unitLevel: 'central', roles: ['viewer'] });
    const res = await t.app.inject({ url: '/quan-tri/thu-vien', headers: { ...viewer, accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
  });
});
