import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { centralLibrarian, loadTestLibrary, provinceLibrarian, signIn } from './library.test-helpers.ts';

let t: TestApp;
let db: Kysely<unknown>;
let central: Awaited<ReturnType<typeof signIn>>;
let hanoi: Awaited<ReturnType<typeof signIn>>;
let hcm: Awaited<ReturnType<typeof signIn>>;
let hcmDoc: string;
beforeAll(async () => {
  t = await createTestApp();
  db = t.database.db as unknown as Kysely<unknown>;
  await loadTestLibrary(t);
  central = await signIn(t, centralLibrarian);
  hanoi = await signIn(t, provinceLibrarian('01'));
  hcm = await signIn(t, provinceLibrarian('79'));
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/library/documents',
    headers: hcm,
    payload: {
      number: '05/2025/NQ-HĐND',
      title: 'Nghị quyết về hỗ trợ hoạt động của Ban công tác Mặt trận ở khu phố',
      docType: 'Nghị quyết',
      issuer: 'Hội đồng nhân dân Thành phố Hồ Chí Minh',
      issuedDate: '2025-03-01',
      articles: [{ articleNo: '1', heading: 'Điều 1. Mức hỗ trợ', body: 'Hỗ trợ hằng tháng.' }],
    },
  });
  expect(created.statusCode).toBe(201);
  hcmDoc = created.json().id;
}, 120_000);
afterAll(() => t.close());

const EDIT = '/quan-tri/thu-vien/van-ban';
/** The page's text as a reader sees it (React escapes quotes and splits adjacent text with comments). */
const visible = (html: string) =>
  html
    .replace(/<!-- -->/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');

const get = (url: string, headers: Record<string, string>) =>
  t.app.inject({ url, headers: { ...headers, accept: 'text/html' } });

const post = (url: string, headers: Record<string, string>, form: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { ...headers, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });

type Row = {
  title: string;
  field: string | null;
  status: string;
  status_date: string | null;
  status_note: string | null;
  replaced_by_id: string | null;
  effective_date: string | null;
  status_origin: string;
};
const row = async (id: string) =>
  (
    await sql<Row>`SELECT title, field, status, status_date::text, status_note, replaced_by_id,
      effective_date::text, status_origin FROM library_document WHERE id = ${id}`.execute(db)
  ).rows[0]!;

/** The metadata form as the page fills it for 35/2013/QH13, with changes on top. */
async function form35(changes: Record<string, string> = {}) {
  const d = await row('35-2013-qh13');
  return {
    title: d.title,
    docType: 'Luật',
    issuer: 'Quốc hội',
    field: d.field ?? '',
    issuedDate: '2013-06-20',
    effectiveDate: d.effective_date ?? '',
    status: d.status,
    statusDate: d.status_date ?? '',
    statusNote: d.status_note ?? '',
    replacedBy: '',
    ...changes,
  };
}

const audits = async (action: string, id: string) =>
  (
    await sql<{ details: Record<string, unknown> }>`SELECT details FROM audit_log WHERE action = ${action}
      AND target_id = ${id} ORDER BY id`.execute(db)
  ).rows.map((r) => r.details);

describe('the librarian’s list links to each document’s edit page', () => {
  it('lists the documents in scope with their edit links, narrowed by number or title', async () => {
    const res = await get('/quan-tri/thu-vien', central);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="${EDIT}/75-2015-qh13"`);
    const found = await get('/quan-tri/thu-vien?q=hoa+giai', central);
    expect(found.body).toContain(`href="${EDIT}/35-2013-qh13"`);
    expect(found.body).not.toContain(`href="${EDIT}/75-2015-qh13"`);
    // A province librarian sees only their province's documents.
    const hcmList = await get('/quan-tri/thu-vien', hcm);
    expect(hcmList.body).toContain(`href="${EDIT}/${hcmDoc}"`);
    expect(hcmList.body).not.toContain(`href="${EDIT}/75-2015-qh13"`);
  });

  it('the status form names a bad date instead of dropping it, and changes nothing', async () => {
    const before = await row('42-2013-qh13');
    const res = await post('/quan-tri/thu-vien/trang-thai', central, {
      id: '42-2013-qh13',
      status: 'expired',
      statusDate: '31/02/2025',
      statusNote: 'Thử',
    });
    expect(res.statusCode).toBe(400);
    expect(visible(res.body)).toContain('Ngày của tình trạng: "31/02/2025" không phải là ngày hợp lệ');
    expect(res.body).toContain('value="31/02/2025"');
    expect(await row('42-2013-qh13')).toEqual(before);
    const ok = await post('/quan-tri/thu-vien/trang-thai', central, {
      id: '42-2013-qh13',
      status: 'in_force',
      statusDate: '1/7/2014',
      statusNote: '',
    });
    expect(ok.statusCode).toBe(303);
    expect((await row('42-2013-qh13')).status_date).toBe('2014-07-01');
  });
});

describe('saving an uploaded document from the list page', () => {
  it('a bad date keeps the reviewed preview with the field named, and saves nothing', async () => {
    const count = async () => (await sql`SELECT id FROM library_document`.execute(db)).rows.length;
    const before = await count();
    const res = await post('/quan-tri/thu-vien/luu', central, {
      number: '99/2025/QH15',
      title: 'Luật thử ngày sai',
      docType: 'Luật',
      issuer: 'Quốc hội',
      issuedDate: '32/13/2025',
      effectiveDate: '01/07/2025',
      articles: JSON.stringify([{ articleNo: '1', heading: 'Điều 1. Phạm vi', body: 'Nội dung.' }]),
    });
    expect(res.statusCode).toBe(400);
    const html = visible(res.body);
    expect(html).toContain('Ngày ban hành: "32/13/2025" không phải là ngày hợp lệ');
    expect(html).toContain('data-testid="preview"');
    expect(html).toContain('value="Luật thử ngày sai"');
    expect(html).toContain('Điều 1. Phạm vi');
    expect(await count()).toBe(before);
  });
});

describe('a document’s edit page, without JavaScript', () => {
  it('renders for the keeper: metadata, status, relations with the diagram’s labels, links to the public pages', async () => {
    const res = await get(`${EDIT}/06-2022-qh15`, central);
    expect(res.statusCode).toBe(200);
    const html = visible(res.body);
    expect(html).toContain(`action="${EDIT}/06-2022-qh15"`);
    expect(html).toContain(`action="${EDIT}/06-2022-qh15/quan-he"`);
    expect(html).toContain('name="title"');
    expect(html).toContain('value="Luật Thi đua, khen thưởng"');
    expect(html).toContain('href="/thu-vien/luat/06-2022-qh15"');
    expect(html).toContain('href="/thu-vien/luat/06-2022-qh15/luoc-do"');
    expect(html).toContain('Tình trạng hiệu lực');
    expect(html).toContain('<option value="partly_expired">Hết hiệu lực một phần</option>');
    expect(html).toContain('<option value="legal_basis">Căn cứ pháp lý</option>');
    // The automatic "replaces" relation of the 2022 law, found in the text, cannot be removed here.
    const replaces = /<li class="relation-row" data-origin="auto">(?:(?!<\/li>).)*Thay thế(?:(?!<\/li>).)*<\/li>/s.exec(
      html,
    );
    expect(replaces?.[0]).toContain('href="/thu-vien/luat/15-2003-qh11"');
    expect(replaces?.[0]).toContain('Tìm thấy trong văn bản');
    expect(replaces?.[0]).not.toContain('go-bo');
    // The older law shows it the other way round.
    const older = visible((await get(`${EDIT}/15-2003-qh11`, central)).body);
    expect(older).toContain('Bị thay thế bởi');
    expect(older).toContain('value="06/2022/QH15"');
  });

  it('saves changed metadata and status (dates as day/month/year), audited with before and after', async () => {
    const before = await row('35-2013-qh13');
    const res = await post(
      `${EDIT}/35-2013-qh13`,
      central,
      await form35({
        title: 'Luật Hòa giải ở cơ sở',
        field: 'Hòa giải',
        status: 'partly_expired',
        statusDate: '01/07/2025',
        statusNote: 'Một số điều được sửa đổi',
      }),
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${EDIT}/35-2013-qh13?ok=saved`);
    expect(await row('35-2013-qh13')).toMatchObject({
      title: 'Luật Hòa giải ở cơ sở',
      field: 'Hòa giải',
      status: 'partly_expired',
      status_date: '2025-07-01',
      status_note: 'Một số điều được sửa đổi',
      status_origin: 'librarian',
    });
    const [audit] = await audits('library.document.update', '35-2013-qh13');
    expect(audit).toEqual({
      changed: {
        title: { from: before.title, to: 'Luật Hòa giải ở cơ sở' },
        field: { from: before.field, to: 'Hòa giải' },
        status: { from: before.status, to: 'partly_expired' },
        statusDate: { from: before.status_date, to: '2025-07-01' },
        statusNote: { from: before.status_note, to: 'Một số điều được sửa đổi' },
      },
    });
    const page = await get(`${EDIT}/35-2013-qh13?ok=saved`, central);
    expect(page.body).toContain('Đã lưu thay đổi vào thư viện.');
    // The same form again changes nothing and records nothing.
    const again = await post(`${EDIT}/35-2013-qh13`, central, await form35());
    expect(again.headers.location).toBe(`${EDIT}/35-2013-qh13?ok=unchanged`);
    expect(await audits('library.document.update', '35-2013-qh13')).toHaveLength(1);
  });

  it('a bad date is a 400 page naming the field, the values kept, nothing changed', async () => {
    const before = await row('35-2013-qh13');
    const res = await post(
      `${EDIT}/35-2013-qh13`,
      central,
      await form35({ title: 'Tên mới không được lưu', effectiveDate: '2014-13-45', statusDate: 'hôm qua' }),
    );
    expect(res.statusCode).toBe(400);
    const html = visible(res.body);
    expect(html).toContain('Chưa lưu được, không có gì thay đổi.');
    expect(html).toContain('Ngày hiệu lực: "2014-13-45" không phải là ngày hợp lệ');
    expect(html).toContain('Ngày của tình trạng: "hôm qua" không phải là ngày hợp lệ');
    expect(html).toContain('value="Tên mới không được lưu"');
    expect(html).toMatch(/<input id="f-effectiveDate" type="text"[^>]*name="effectiveDate" value="2014-13-45"/);
    expect(html).toMatch(/id="f-statusDate"[^>]*aria-invalid="true"/);
    expect(await row('35-2013-qh13')).toEqual(before);
  });

  it('an unknown replacing document is named, and nothing changes; a known one is chosen by its number', async () => {
    const before = await row('35-2013-qh13');
    const bad = await post(
      `${EDIT}/35-2013-qh13`,
      central,
      await form35({ status: 'expired', replacedBy: '99/2099/QH99' }),
    );
    expect(bad.statusCode).toBe(400);
    expect(visible(bad.body)).toContain('Văn bản thay thế: không tìm thấy văn bản "99/2099/QH99" trong thư viện.');
    expect(await row('35-2013-qh13')).toEqual(before);
    const self = await post(`${EDIT}/35-2013-qh13`, central, await form35({ replacedBy: '35/2013/QH13' }));
    expect(self.statusCode).toBe(400);
    expect(visible(self.body)).toContain('Văn bản thay thế: không thể chọn chính văn bản này.');
    const ok = await post(
      `${EDIT}/35-2013-qh13`,
      central,
      await form35({ status: 'expired', statusDate: '2026-01-01', replacedBy: '77/2015/qh13' }),
    );
    expect(ok.statusCode).toBe(303);
    expect(await row('35-2013-qh13')).toMatchObject({ status: 'expired', replaced_by_id: '77-2015-qh13' });
  });

  it('adds a relation by the target’s number, lists it as the librarian’s, removes it after a confirmation', async () => {
    const add = await post(`${EDIT}/25-2018-qh14/quan-he`, central, {
      kind: 'guides',
      target: '42/2013/QH13',
      sourceArticleNo: 'Điều 5',
      targetArticleNo: '',
    });
    expect(add.statusCode).toBe(303);
    expect(add.headers.location).toBe(`${EDIT}/25-2018-qh14?ok=added#quan-he`);
    const rel = (
      await sql<{ id: number; source_article_no: string | null }>`SELECT id, source_article_no FROM library_relation
        WHERE source_document_id = '25-2018-qh14' AND target_document_id = '42-2013-qh13' AND kind = 'guides'
          AND origin = 'librarian'`.execute(db)
    ).rows;
    expect(rel).toHaveLength(1);
    expect(rel[0]!.source_article_no).toBe('5');
    expect(await audits('library.relation.add', '25-2018-qh14')).toEqual([
      { kind: 'guides', target: '42-2013-qh13', sourceArticle: '5', targetArticle: null },
    ]);
    const id = rel[0]!.id;
    const page = visible((await get(`${EDIT}/25-2018-qh14`, central)).body);
    expect(page).toContain(`data-relation-id="${id}"`);
    expect(page).toContain('Do thủ thư thêm');
    expect(page).toContain(`href="${EDIT}/25-2018-qh14?go-bo=${id}#xac-nhan"`);
    const confirm = await get(`${EDIT}/25-2018-qh14?go-bo=${id}`, central);
    expect(confirm.body).toContain('data-testid="confirm-remove"');
    expect(confirm.body).toContain(`action="${EDIT}/25-2018-qh14/quan-he/${id}/go-bo"`);
    const removed = await post(`${EDIT}/25-2018-qh14/quan-he/${id}/go-bo`, central, {});
    expect(removed.statusCode).toBe(303);
    expect(
      (await sql`SELECT 1 FROM library_relation WHERE id = ${id}`.execute(db)).rows,
      'the relation is gone',
    ).toEqual([]);
    expect(await audits('library.relation.remove', '25-2018-qh14')).toEqual([{ relation: id }]);
  });

  it('a relation to an unknown document or with a bad article number is refused with the field named', async () => {
    const count = async () => (await sql`SELECT id FROM library_relation`.execute(db)).rows.length;
    const before = await count();
    const res = await post(`${EDIT}/25-2018-qh14/quan-he`, central, {
      kind: 'amends',
      target: 'khong-co-van-ban-nay',
      sourceArticleNo: 'năm',
      targetArticleNo: '',
    });
    expect(res.statusCode).toBe(400);
    const html = visible(res.body);
    expect(html).toContain('Văn bản liên quan: không tìm thấy văn bản "khong-co-van-ban-nay" trong thư viện.');
    expect(html).toContain('Điều của văn bản này: "năm" không phải số điều');
    expect(html).toMatch(/<option value="amends" selected="">Sửa đổi, bổ sung<\/option>/);
    expect(await count()).toBe(before);
  });

  it('an automatic relation, found in the text, cannot be removed', async () => {
    const auto = (
      await sql<{ id: number }>`SELECT id FROM library_relation WHERE source_document_id = '06-2022-qh15'
        AND target_document_id = '15-2003-qh11' AND kind = 'replaces' AND origin = 'auto'`.execute(db)
    ).rows[0]!;
    const res = await post(`${EDIT}/06-2022-qh15/quan-he/${auto.id}/go-bo`, central, {});
    expect(res.statusCode).toBe(404);
    expect((await sql`SELECT 1 FROM library_relation WHERE id = ${auto.id}`.execute(db)).rows).toHaveLength(1);
    const confirm = await get(`${EDIT}/06-2022-qh15?go-bo=${auto.id}`, central);
    expect(confirm.body).not.toContain('data-testid="confirm-remove"');
  });
});

describe('scope: a province librarian reaches only their province’s documents', () => {
  it('answers 404 for another province’s or a Central document, on GET and on every POST; nothing changes', async () => {
    const relation = (
      await sql<{ id: number }>`SELECT id FROM library_relation WHERE source_document_id = '75-2015-qh13'
        LIMIT 1`.execute(db)
    ).rows[0]!;
    const hcmRel = await t.app.inject({
      method: 'POST',
      url: `/api/library/documents/${hcmDoc}/relations`,
      headers: hcm,
      payload: { kind: 'guides', targetId: '75-2015-qh13' },
    });
    expect(hcmRel.statusCode).toBe(201);
    const before = [await row('75-2015-qh13'), await row(hcmDoc)];
    const relations = (await sql`SELECT id FROM library_relation ORDER BY id`.execute(db)).rows;
    for (const [id, relId] of [
      ['75-2015-qh13', relation.id],
      [hcmDoc, hcmRel.json().id],
    ] as const) {
      expect((await get(`${EDIT}/${id}`, hanoi)).statusCode).toBe(404);
      const meta = await post(`${EDIT}/${id}`, hanoi, { title: 'Đổi tên', status: 'expired', statusDate: 'sai' });
      expect(meta.statusCode).toBe(404);
      const rel = await post(`${EDIT}/${id}/quan-he`, hanoi, { kind: 'guides', target: '02/2011/QH13' });
      expect(rel.statusCode).toBe(404);
      expect((await post(`${EDIT}/${id}/quan-he/${relId}/go-bo`, hanoi, {})).statusCode).toBe(404);
      const status = await post('/quan-tri/thu-vien/trang-thai', hanoi, { id, status: 'expired', statusDate: 'x' });
      expect(status.statusCode).toBe(404);
    }
    expect([await row('75-2015-qh13'), await row(hcmDoc)]).toEqual(before);
    expect((await sql`SELECT id FROM library_relation ORDER BY id`.execute(db)).rows).toEqual(relations);
    // The keeping province reaches its own.
    expect((await get(`${EDIT}/${hcmDoc}`, hcm)).statusCode).toBe(200);
  });

  it('a cadre without the librarian role gets the staff 404 page; a visitor is sent to sign in', async () => {
    const viewer = await signIn(t, { unitCode: 'VN', unitPath: 'vn', unitLevel: 'central', roles: ['viewer'] });
    expect((await get(`${EDIT}/75-2015-qh13`, viewer)).statusCode).toBe(404);
    expect((await post(`${EDIT}/75-2015-qh13`, viewer, { title: 'x' })).statusCode).toBe(404);
    const anonymous = await t.app.inject({ url: `${EDIT}/75-2015-qh13`, headers: { accept: 'text/html' } });
    expect(anonymous.statusCode).toBe(303);
    expect((await get(`${EDIT}/khong-co`, central)).statusCode).toBe(404);
  });
});

describe('in English', () => {
  it('renders the page and its errors in English', async () => {
    const en = { ...central, 'accept-language': 'en' };
    const page = visible((await get(`${EDIT}/06-2022-qh15`, en)).body);
    expect(page).toContain('<html lang="en"');
    expect(page).toContain('Document details');
    expect(page).toContain('Found in the text');
    expect(page).toContain('<option value="partly_repeals">Partly repeals</option>');
    const bad = await post(`${EDIT}/35-2013-qh13`, en, await form35({ statusDate: '2025-02-30' }));
    expect(bad.statusCode).toBe(400);
    expect(visible(bad.body)).toContain('Status date: "2025-02-30" is not a valid date.');
    expect(visible(bad.body)).toContain('Not saved, nothing was changed.');
  });
});
