import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { communeFront, multipartFile, signIn, xlsxOf } from './units.test-helpers.ts';

let t: TestApp;
let baDinh: Record<string, string>;
let hoanKiem: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  baDinh = await signIn(t, communeFront('00004', '01'));
  hoanKiem = await signIn(t, communeFront('00070', '01'));
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const postForm = (url: string, fields: Record<string, string>, headers: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
  });

describe('public directory', () => {
  it('lists the 34 provinces with the linked SVG map and its attribution, cacheable', async () => {
    const res = await get('/don-vi');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-language']).toBe('vi');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.body).toContain('<title>Danh bạ Mặt trận các cấp — 34 tỉnh, thành phố</title>');
    expect(res.body.match(/<a href="\/don-vi\/\d{2}" aria-label=/g)).toHaveLength(34);
    expect(res.body).toContain('Cục Đo đạc, Bản đồ và Thông tin địa lý Việt Nam');
    expect(res.body).not.toMatch(/\sstyle=|<style/);
  });

  it('searches without tone marks, server-side', async () => {
    const res = await get('/don-vi?q=ha%20noi');
    expect(res.body).toContain('href="/don-vi/01">Thành phố Hà Nội</a>');
    const en = await get('/don-vi?q=ba%20dinh&lang=en');
    expect(en.body).toContain('Phường Ba Đình');
    expect(en.body).toContain('Results for');
  });

  it('shows a province with its communes grouped by type, organisations and the adoption figure', async () => {
    const res = await get('/don-vi/01');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 class="page-heading">Thành phố Hà Nội</h1>');
    expect(res.body).toContain('href="/don-vi/01/00004">Phường Ba Đình</a>');
    expect(res.body).toContain('Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hà Nội');
    expect(res.body).toMatch(/data-testid="province-adoption">\d+\/126 \(\d+,\d\d%\)</);
  });

  it('shows a commune with its organisations and only the count of villages', async () => {
    await postForm('/quan-tri/thon/them', { name: 'Bí Mật', type: 'tổ dân phố' }, baDinh);
    const res = await get('/don-vi/01/00004');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Ủy ban Mặt trận Tổ quốc Việt Nam phường Ba Đình');
    expect(res.body).not.toContain('Bí Mật');
    expect(res.body).toMatch(/data-testid="village-count">\d+</);
  });

  it('answers unknown or mismatched units with an HTML 404', async () => {
    for (const url of ['/don-vi/99', '/don-vi/79/00004', '/don-vi/01/abc']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('Không tìm thấy trang');
    }
  });
});

describe('village list editor', () => {
  it('sends anonymous visitors to sign in', async () => {
    const res = await get('/quan-tri/thon');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/dang-nhap?next=%2Fquan-tri%2Fthon');
  });

  it('creates, validates, reorders and answers 404 for another commune', async () => {
    const bad = await postForm('/quan-tri/thon/them', { name: '', type: 'thôn' }, baDinh);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Thiếu tên thôn, tổ dân phố.');
    // The form shown again links to the page in English, not to the POST-only form action.
    expect(bad.body).toContain('href="/quan-tri/thon?lang=en"');
    expect(bad.body).not.toContain('/quan-tri/thon/them?lang=en');
    const ok = await postForm('/quan-tri/thon/them', { name: 'Số 1', type: 'tổ dân phố' }, baDinh);
    expect(ok.statusCode).toBe(303);
    const dup = await postForm('/quan-tri/thon/them', { name: 'so 1', type: 'tổ dân phố' }, baDinh);
    expect(dup.body).toContain('trùng với một thôn, tổ dân phố đã có của xã');
    const list = await get('/quan-tri/thon?ok=created&n=1', baDinh);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Tổ dân phố Số 1');
    expect(list.body).toContain('Đã thêm thôn, tổ dân phố.');
    const other = await get('/quan-tri/thon?xa=00004', hoanKiem);
    expect(other.statusCode).toBe(404);
    expect(other.body).toContain('Không tìm thấy trang');
    const code = /href="\/quan-tri\/thon\/(\d{9})"/.exec(list.body)?.[1];
    expect((await get(`/quan-tri/thon/${code}`, hoanKiem)).statusCode).toBe(404);
    expect((await get(`/quan-tri/thon/${code}`, baDinh)).statusCode).toBe(200);
    const move = await postForm(`/quan-tri/thon/${code}/di-chuyen`, { direction: 'up' }, baDinh);
    expect(move.statusCode).toBe(303);
  });

  it('lets another organisation read but not edit', async () => {
    const women = await signIn(t, communeFront('00004', '01', { orgType: 'womens_union' }));
    const res = await get('/quan-tri/thon', women);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Bạn chỉ có quyền xem danh sách này.');
    expect(res.body).not.toContain('action="/quan-tri/thon/nhap"');
  });

  it('imports all or nothing, listing the bad rows in Vietnamese', async () => {
    const rows = [
      ['Tên thôn/tổ dân phố', 'Loại'],
      ['Đông', 'thôn'],
      ['Tây', 'thôn'],
      ['đông', 'thôn'],
    ];
    const file = await multipartFile(await xlsxOf(rows), 'thon.xlsx');
    const res = await t.app.inject({
      method: 'POST',
      url: '/quan-tri/thon/nhap?xa=00070',
      payload: file.payload,
      headers: { ...hoanKiem, ...file.headers },
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Dòng 4: &quot;đông&quot; trùng với dòng 2 trong tệp.');
    expect(res.body).toContain('chưa có dòng nào được nhập');
    const fixed = await multipartFile(await xlsxOf(rows.slice(0, 3)), 'thon.xlsx');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/quan-tri/thon/nhap',
      payload: fixed.payload,
      headers: { ...hoanKiem, ...fixed.headers },
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/quan-tri/thon?ok=imported&n=2');
  });

  it('asks for confirmation before dissolving', async () => {
    const list = await get('/quan-tri/thon', hoanKiem);
    const code = /href="\/quan-tri\/thon\/(\d{9})"/.exec(list.body)?.[1];
    const res = await postForm(`/quan-tri/thon/${code}/giai-the`, { effective: '2099-01-01' }, hoanKiem);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Hãy đánh dấu ô xác nhận để giải thể.');
  });
});

describe('staff tree and adoption', () => {
  it('browses the tree within scope, with the export link', async () => {
    const province = await signIn(t, { unitCode: '01', unitPath: 'vn.01', unitLevel: 'province', roles: ['viewer'] });
    const res = await get('/quan-tri/don-vi', province);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/api/units/01/export.xlsx"');
    expect(res.body).toContain('Trang 1/6');
    expect((await get('/quan-tri/don-vi?ma=79', province)).statusCode).toBe(404);
    const adoption = await get('/quan-tri/tien-do?tinh=01', province);
    expect(adoption.statusCode).toBe(200);
    expect(adoption.body).toMatch(/data-testid="adoption-total">\d+\/126 \(/);
    expect(adoption.body).toContain('chưa lập danh sách');
  });
});
