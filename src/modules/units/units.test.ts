import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { centralAdmin, communeFront, signIn } from './units.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const codes = (items: { code: string }[]) => items.map((u) => u.code);

describe('tree reads', () => {
  it('lists the 34 provinces in Vietnamese order, with as-of history', async () => {
    const now = (await get('/api/units/provinces')).json().items;
    expect(now).toHaveLength(34);
    expect(now[0].fullName).toBe('Tỉnh An Giang');
    expect(now.at(-1).fullName).toBe('Tỉnh Vĩnh Long');
    expect(now.find((p: { code: string }) => p.code === '75').fullName).toBe('Thành phố Đồng Nai');
    const then = (await get('/api/units/provinces?asOf=2025-07-01')).json().items;
    expect(then.find((p: { code: string }) => p.code === '75').fullName).toBe('Tỉnh Đồng Nai');
  });

  it('pages children, gives the breadcrumb, looks up by code and counts a subtree', async () => {
    const page = (await get('/api/units/01/children?limit=10&offset=10')).json();
    expect(page.total).toBe(126);
    expect(page.items).toHaveLength(10);
    const crumbs = (await get('/api/units/00070/ancestors')).json().items;
    expect(crumbs.map((u: { fullName: string }) => u.fullName)).toEqual([
      'Trung ương',
      'Thành phố Hà Nội',
      'Phường Hoàn Kiếm',
    ]);
    expect((await get('/api/units/31078')).json()).toMatchObject({ fullName: 'Đặc khu Phú Quốc', path: 'vn.91.31078' });
    expect((await get('/api/units/12345')).statusCode).toBe(404);
    expect((await get('/api/units/abc')).statusCode).toBe(400);
    const counts = (await get('/api/units/VN/counts')).json();
    expect(counts).toMatchObject({ provinces: 34, communes: 3321, villages: 0 });
    expect(counts.organisations).toEqual({
      front: 3356,
      trade_union: 3356,
      youth_union: 3356,
      womens_union: 3356,
      farmers_union: 3356,
      veterans: 3356,
    });
    expect((await get('/api/units/asdf/counts?asOf=2025-13-01')).statusCode).toBe(400);
  });
});

describe('the API description', () => {
  it('documents the units routes in OpenAPI', async () => {
    const doc = (await get('/api/openapi.json')).json();
    for (const path of [
      '/api/units/provinces',
      '/api/units/search',
      '/api/units/{code}/children',
      '/api/units/{code}/villages/import',
      '/api/units/adoption',
      '/api/units/reorganisations/merge',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});

describe('name search', () => {
  const search = async (q: string, extra = '', headers: Record<string, string> = {}) =>
    (await get(`/api/units/search?q=${encodeURIComponent(q)}${extra}`, headers)).json().items;

  it('ignores diacritics, case and đ/d, and ranks the exact province first', async () => {
    for (const q of ['ha noi', 'HÀ NỘI', 'Hà Nội', 'thanh pho ha noi']) {
      expect((await search(q))[0]?.code, q).toBe('01');
    }
    expect((await search('da nang'))[0].code).toBe('48');
    // A province and two communes share the name: the province comes first.
    const quangNinh = codes(await search('quang ninh'));
    expect(quangNinh[0]).toBe('22');
    expect(quangNinh.slice(1, 3).sort()).toEqual(['16540', '19207']);
    expect((await search('dong nai'))[0].code).toBe('75');
  });

  it('treats old and new tone-mark placement alike ("hoà" and "hòa")', async () => {
    const a = codes(await search('Khánh Hoà'));
    const b = codes(await search('Khánh Hòa'));
    expect(a[0]).toBe('56');
    expect(a).toEqual(b);
    expect(codes(await search('thuy'))).toEqual(codes(await search('thủy')));
  });

  it('ranks prefix before similarity, limits to a subtree and answers as of a date', async () => {
    const ba = await search('ba dinh');
    expect(ba[0]).toMatchObject({ code: '00004', rank: 0 });
    const within = await search('an', '&within=04&limit=50');
    expect(within.length).toBeGreaterThan(0);
    expect(within.every((u: { path: string }) => u.path.startsWith('vn.04'))).toBe(true);
    const fuzzy = await search('hoan kem');
    expect(codes(fuzzy)).toContain('00070');
    const then = await search('phuong loc ninh', '&asOf=2025-07-01');
    expect(then.find((u: { code: string }) => u.code === '25270')).toMatchObject({ fullName: 'Xã Lộc Ninh', rank: 3 });
    expect((await search('phuong loc ninh'))[0]).toMatchObject({ code: '25270', fullName: 'Phường Lộc Ninh', rank: 0 });
  });

  it('shows villages only to staff whose scope contains them', async () => {
    const cadre = await signIn(t, communeFront('00004', '01'));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/units/00004/villages',
      headers: cadre,
      payload: { name: 'Đông Xuân Thịnh', type: 'thôn' },
    });
    expect(res.statusCode).toBe(201);
    const villages = (items: { level: string; code: string }[]) => codes(items.filter((u) => u.level === 'village'));
    expect(villages(await search('dong xuan thinh'))).toEqual([]);
    const own = await search('dong xuan thinh', '', cadre);
    expect(own[0]).toMatchObject({ code: res.json().code, fullName: 'Thôn Đông Xuân Thịnh', rank: 0 });
    const other = await signIn(t, communeFront('00008', '01'));
    expect(villages(await search('dong xuan thinh', '', other))).toEqual([]);
    expect(villages(await search('dong xuan thinh', '', await signIn(t, centralAdmin)))).toHaveLength(1);
  });
});
