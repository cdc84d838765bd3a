import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { suggestCategory } from './classifier.ts';
import {
  authorityAt,
  handlerAt,
  jpegWithGps,
  linkAccountAs,
  provinceHandler,
  signIn,
  staffAccount,
  submitCase,
} from './petitions.test-helpers.ts';
import { CODE_ALPHABET, CODE_BITS, newTrackingCode, normaliseTrackingCode } from './tracking-code.ts';

let t: TestApp;
let baDinh: Record<string, string>;
let ubnd: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp({}, undefined);
  baDinh = await signIn(t, handlerAt('00004', '01'));
  // The authority answers through an account linked to the entry these tests forward to (the first offered).
  const account = await staffAccount(t, authorityAt('00004', '01'));
  ubnd = account.headers;
  const first = (
    await t.app.inject({ method: 'GET', url: '/api/petitions/authorities?unit=00004', headers: baDinh })
  ).json().items[0].id;
  expect((await linkAccountAs(t, baDinh, first, account.id)).statusCode).toBe(204);
});
afterAll(() => t.close());

const act = (id: number, body: object, headers: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: `/api/petitions/${id}/actions`, payload: body, headers });
const get = (url: string, headers: Record<string, string> = {}, remoteAddress = '10.3.0.1') =>
  t.app.inject({ method: 'GET', url, headers, remoteAddress });

describe('tracking codes', () => {
  it('carry 60 bits from 32 unambiguous symbols, spread evenly', () => {
    expect(CODE_BITS).toBeGreaterThanOrEqual(60);
    expect(new Set(CODE_ALPHABET).size).toBe(32);
    for (const ch of '01IO') expect(CODE_ALPHABET).not.toContain(ch);
    const counts = new Map<string, number>();
    const seen = new Set<string>();
    for (let i = 0; i < 4000; i++) {
      const c = newTrackingCode();
      expect(seen.has(c)).toBe(false);
      seen.add(c);
      for (const ch of c.slice(3).replace(/-/g, '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    // 48,000 symbols over 32 letters: each near 1,500 (a biased generator would be far off).
    for (const ch of CODE_ALPHABET) expect(Math.abs((counts.get(ch) ?? 0) - 1500)).toBeLessThan(250);
  });

  it('are read back however they are typed, and nonsense is not looked up', () => {
    expect(normaliseTrackingCode('pa 7k3m 9qx2 ht4w')).toBe('PA-7K3M-9QX2-HT4W');
    expect(normaliseTrackingCode('7K3M9QX2HT4W')).toBe('PA-7K3M-9QX2-HT4W');
    expect(normaliseTrackingCode('PA-7K3M-9QX2-HT40')).toBeNull();
    expect(normaliseTrackingCode("' OR 1=1 --")).toBeNull();
  });

  it('a neighbouring code finds nothing, and repeated lookups from one address are refused (not enumerable)', async () => {
    const { code } = await submitCase(t);
    const last = code.at(-1)!;
    const neighbour = code.slice(0, -1) + CODE_ALPHABET[(CODE_ALPHABET.indexOf(last) + 1) % 32];
    const miss = await get(`/phan-anh/tra-cuu?ma=${neighbour}`, {}, '10.3.1.1');
    expect(miss.statusCode).toBe(404);
    expect(miss.body).toContain('Không tìm thấy phản ánh với mã này');
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/petitions/track',
      payload: { code: neighbour },
      remoteAddress: '10.3.1.1',
    });
    expect(api.statusCode).toBe(404);
    let status = 0;
    for (let i = 0; i < 40 && status !== 429; i++)
      status = (await get(`/phan-anh/tra-cuu?ma=${newTrackingCode()}`, {}, '10.3.1.2')).statusCode;
    expect(status).toBe(429);
    // The code never appears in a log line: it travels in the query string or the body only.
    expect((await get(`/phan-anh/tra-cuu?ma=${code}`, {}, '10.3.1.3')).statusCode).toBe(200);
  });
});

describe('category suggestion', () => {
  it('learns from confirmed categories only and shows its confidence', async () => {
    const examples: [string, string, string][] = [
      [
        'dat_dai',
        'Lấn chiếm đất công làm nhà',
        'Hộ dân lấn chiếm đất công, xây dựng trái phép trên đất nông nghiệp, đề nghị kiểm tra.',
      ],
      [
        'dat_dai',
        'Tranh chấp ranh giới thửa đất',
        'Gia đình tôi tranh chấp ranh giới thửa đất với hàng xóm, đề nghị xác minh giấy chứng nhận.',
      ],
      [
        'dat_dai',
        'Chậm cấp giấy chứng nhận quyền sử dụng đất',
        'Hồ sơ cấp giấy chứng nhận quyền sử dụng đất nộp đã lâu vẫn chưa được giải quyết.',
      ],
      ['moi_truong', 'Rác thải đổ bừa bãi', 'Rác thải sinh hoạt đổ bừa bãi ven kênh gây ô nhiễm, bốc mùi hôi thối.'],
      [
        'moi_truong',
        'Khói bụi từ xưởng sản xuất',
        'Xưởng sản xuất xả khói bụi, nước thải ra môi trường gây ô nhiễm nguồn nước.',
      ],
      [
        'moi_truong',
        'Nước thải chảy ra mương',
        'Nước thải chưa xử lý chảy thẳng ra mương, ô nhiễm, mùi hôi ảnh hưởng sức khỏe.',
      ],
    ];
    const before = await suggestCategory(t.database.db, 'Rác thải ô nhiễm bốc mùi hôi');
    expect(before).toBeNull();
    for (const [category, title, content] of examples) {
      const { id } = await submitCase(t, { category: 'khac', title, content });
      expect((await act(id, { action: 'classify', category }, baDinh)).statusCode).toBe(200);
    }
    const s = await suggestCategory(t.database.db, 'Đổ rác thải gây ô nhiễm, mùi hôi khắp xóm');
    expect(s?.category).toBe('moi_truong');
    expect(s!.confidence).toBeGreaterThan(0.6);
    const land = await suggestCategory(t.database.db, 'Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho gia đình');
    expect(land?.category).toBe('dat_dai');
    const { id } = await submitCase(t, {
      category: 'khac',
      title: 'Rác thải gây ô nhiễm',
      content: 'Bãi rác tự phát gây ô nhiễm, bốc mùi hôi thối cả khu dân cư.',
    });
    const page = await get(`/quan-tri/phan-anh/${id}`, baDinh);
    expect(page.body).toMatch(/Gợi ý lĩnh vực: Môi trường \(độ tin cậy \d+%/);
  });
});

describe('published cases', () => {
  async function publishOne(over: Record<string, string>, publish: Record<string, unknown> = {}) {
    const { id } = await submitCase(t, over);
    await act(id, { action: 'accept' }, baDinh);
    const auth = (await get('/api/petitions/authorities?unit=00004', baDinh)).json().items[0].id;
    await act(id, { action: 'forward', authorityId: auth }, baDinh);
    await act(id, { action: 'answer', text: `Đã xử lý xong. Cán bộ phụ trách: 0243 999 888.` }, ubnd);
    const res = await act(id, { action: 'publish', title: '', content: '', answer: '', ...publish }, baDinh);
    expect(res.statusCode).toBe(200);
    return id;
  }

  it('never show phone, e-mail or a hidden name anywhere public, checked over every published case', async () => {
    await publishOne({
      name: 'Lê Văn Công Khai',
      phone: '0983111222',
      email: 'congkhai@example.vn',
      title: 'Đường ngõ 5 xuống cấp nghiêm trọng',
    });
    await publishOne({
      name: 'Phạm Thị Giấu Tên',
      hideName: 'on',
      phone: '0983111333',
      email: 'giauten@example.vn',
      content: 'Tôi là Phạm Thị Giấu Tên, số 0983111333, đường ngõ 7 ngập nước mỗi khi mưa, đề nghị xử lý.',
    });
    const { rows } = await sql<{
      id: number;
      name: string;
      phone: string;
      email: string | null;
      hide: boolean;
    }>`SELECT id,
      sender_name AS name, sender_phone AS phone, sender_email AS email, hide_name AS hide FROM petition WHERE published`.execute(
      t.database.db,
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const pages = [
      (await get('/phan-anh')).body,
      (await get('/phan-anh?q=duong%20ngo')).body,
      (await get('/open311/v2/requests.json')).body,
      (await get('/phan-anh/thong-ke')).body,
      (await get('/phan-anh/thong-ke.csv')).body,
    ];
    for (const r of rows) {
      pages.push((await get(`/phan-anh/vu-viec/${r.id}`)).body);
      pages.push((await get(`/open311/v2/requests/${r.id}.json`)).body);
    }
    for (const r of rows) {
      for (const body of pages) {
        expect(body).not.toContain(r.phone);
        expect(body).not.toContain(r.phone.replace(/(\d{4})(\d{3})(\d{3})/, '$1 $2 $3'));
        if (r.email) expect(body).not.toContain(r.email);
        if (r.hide) expect(body).not.toContain(r.name);
      }
    }
    // The answer's own phone number is masked too; a visible name stays.
    const all = pages.join('\n');
    expect(all).not.toContain('0243 999 888');
    expect(all).toContain('Lê Văn Công Khai');
  });

  it('are searchable without tone marks, filterable, with a stable page carrying meta tags', async () => {
    const id = await publishOne({ title: 'Cầu treo bản Hòa bị hư hỏng nặng' });
    const found = await get('/phan-anh?q=cau%20treo%20ban%20hoa');
    expect(found.body).toContain(`href="/phan-anh/vu-viec/${id}"`);
    expect((await get('/phan-anh?q=khong%20co%20gi%20nhu%20the')).body).not.toContain(`/phan-anh/vu-viec/${id}"`);
    expect((await get('/phan-anh?tinh=01&linh_vuc=moi_truong')).body).toContain(`/phan-anh/vu-viec/${id}"`);
    expect((await get('/phan-anh?tinh=79')).body).not.toContain(`/phan-anh/vu-viec/${id}"`);
    const page = await get(`/phan-anh/vu-viec/${id}`);
    expect(page.body).toContain('<title>Cầu treo bản Hòa bị hư hỏng nặng — Phản ánh, kiến nghị</title>');
    expect(page.body).toMatch(/<meta name="description" content="Phường Ba Đình — Môi trường: /);
    expect(page.body).toContain(`<link rel="canonical" href="http://localhost/phan-anh/vu-viec/${id}`);
    // Unpublished cases have no public page.
    const { id: hidden } = await submitCase(t);
    expect(
      (await t.app.inject({ method: 'GET', url: `/phan-anh/vu-viec/${hidden}`, headers: { accept: 'text/html' } }))
        .statusCode,
    ).toBe(404);
  });

  it('show photos only when the citizen allowed and the reviewer chose to', async () => {
    const photo = await jpegWithGps(120, 90);
    const files = [{ filename: 'anh.jpg', content: photo, type: 'image/jpeg' }];
    const publishWith = async (allowed: boolean, ticked: boolean) => {
      const { id } = await submitCase(t, allowed ? { photosPublic: 'on' } : {}, files);
      await act(id, { action: 'accept' }, baDinh);
      const auth = (await get('/api/petitions/authorities?unit=00004', baDinh)).json().items[0].id;
      await act(id, { action: 'forward', authorityId: auth }, baDinh);
      await act(id, { action: 'answer', text: 'Đã xử lý.' }, ubnd);
      await act(id, { action: 'publish', title: '', content: '', answer: '', showPhotos: ticked }, baDinh);
      return id;
    };
    const notAllowed = await publishWith(false, true);
    const notTicked = await publishWith(true, false);
    const shown = await publishWith(true, true);
    expect((await get(`/phan-anh/vu-viec/${notAllowed}`)).body).not.toContain('/anh/');
    expect((await get(`/phan-anh/vu-viec/${notTicked}`)).body).not.toContain('/anh/');
    const page = (await get(`/phan-anh/vu-viec/${shown}`)).body;
    const src = /src="(\/phan-anh\/vu-viec\/\d+\/anh\/(\d+))"/.exec(page);
    expect(src).toBeTruthy();
    // The same attachment id under a case that does not show photos answers 404.
    const other = await t.app.inject({
      method: 'GET',
      url: `/phan-anh/vu-viec/${notAllowed}/anh/${src![2]}`,
      headers: { accept: 'text/html' },
    });
    expect(other.statusCode).toBe(404);
  });

  it('refuse staff pages and the JSON inbox to accounts without a petitions role', async () => {
    const viewer = await signIn(t, handlerAt('00004', '01', { roles: ['viewer'] }));
    expect((await get('/api/petitions/inbox', viewer)).statusCode).toBe(403);
    expect((await get('/api/petitions/inbox')).statusCode).toBe(401);
    const anon = await get('/quan-tri/phan-anh');
    expect(anon.statusCode).toBe(303);
  });

  it('serve Open311 services and requests, statistics as CSV and staff cases as Excel', async () => {
    const services = (await get('/open311/v2/services.json')).json();
    expect(services.find((s: { service_code: string }) => s.service_code === 'moi_truong')).toMatchObject({
      service_name: 'Môi trường',
      type: 'realtime',
      metadata: false,
    });
    const requests = (await get('/open311/v2/requests.json?service_code=moi_truong')).json();
    expect(requests.length).toBeGreaterThan(0);
    expect(Object.keys(requests[0]).sort()).toEqual(
      expect.arrayContaining([
        'service_request_id',
        'status',
        'service_code',
        'description',
        'requested_datetime',
        'address',
        'lat',
        'long',
      ]),
    );
    expect(requests[0].status).toBe('closed');
    expect((await get('/open311/v2/requests.xml')).statusCode).toBe(400);
    expect((await get('/open311/v2/requests.json?status=open')).json()).toEqual([]);
    expect((await get('/open311/v2/requests.json?start_date=2099-01-01T00:00:00Z')).json()).toEqual([]);
    const one = (await get('/open311/v2/requests.json?page_size=1')).json();
    expect(one).toHaveLength(1);
    const byId = (await get(`/open311/v2/requests/${one[0].service_request_id}.json`)).json();
    expect(byId[0].description).toBe(one[0].description);
    const csv = await get('/phan-anh/thong-ke.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(35);
    expect(lines.find((l) => l.startsWith('01,'))).toMatch(/^01,Thành phố Hà Nội,\d+,\d+,/);
    const stats = await get('/phan-anh/thong-ke');
    expect(stats.body).toContain('<svg');
    expect(stats.body).toContain('Thành phố Hà Nội');

    const xlsx = await get('/quan-tri/phan-anh/xuat.xlsx', baDinh);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(5).value).toBe('Tiêu đề');
    expect(ws.rowCount).toBeGreaterThan(2);
    const text = JSON.stringify(ws.getSheetValues());
    expect(text).not.toMatch(/09\d{8}/);
    const hanoi = await signIn(t, provinceHandler('79'));
    const other = await get('/quan-tri/phan-anh/xuat.xlsx', hanoi);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(other.rawPayload as unknown as ArrayBuffer);
    expect(wb2.worksheets[0]!.rowCount).toBe(1);
  });
});
