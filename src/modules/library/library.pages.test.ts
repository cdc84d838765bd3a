import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { loadTestLibrary } from './library.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await loadTestLibrary(t);
}, 120_000);
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ url, headers: { accept: 'text/html' } });

describe('public pages, server-rendered', () => {
  it('search page lists article hits with the law, status and highlighted passage', async () => {
    const res = await get('/thu-vien?q=thoi+han+giai+quyet+khieu+nai+lan+dau');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/thu-vien/luat/02-2011-qh13/dieu-28"');
    expect(res.body).toContain('<mark>Thời</mark>');
    expect(res.body).toContain('Hết hiệu lực một phần');
  });

  it('the law reads whole with its table of contents and anchors', async () => {
    const res = await get('/thu-vien/luat/75-2015-qh13');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-testid="toc"');
    expect(res.body).toContain('id="dieu-10"');
    expect(res.body).toContain('href="#dieu-41"');
  });

  it('an article page has stable clause addresses and a citation', async () => {
    const res = await get('/thu-vien/luat/75-2015-qh13/dieu-3/khoan-2');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-testid="focus"');
    expect(res.body).toContain('Khoản 2 Điều 3');
    expect(res.body).toContain('Khoản 2 Điều 3 Luật Mặt trận Tổ quốc Việt Nam số 75/2015/QH13');
    expect((await get('/thu-vien/luat/75-2015-qh13/dieu-3/khoan-99')).statusCode).toBe(404);
    expect((await get('/thu-vien/luat/75-2015-qh13/dieu-999')).statusCode).toBe(404);
  });

  it('references in the text are links into the library', async () => {
    const res = await get('/thu-vien/luat/02-2011-qh13/dieu-7');
    expect(res.body).toMatch(/<a href="\/thu-vien\/luat\/93-2015-qh13" class="ref-link">Luật tố tụng hành chính<\/a>/);
    const internal = await get('/thu-vien/luat/02-2011-qh13/dieu-33');
    expect(internal.body).toContain('href="/thu-vien/luat/02-2011-qh13/dieu-28"');
  });

  it('an expired law is marked and points to its replacement', async () => {
    const res = await get('/thu-vien/luat/15-2003-qh11');
    expect(res.body.replace(/<!-- -->/g, '')).toContain('Hết hiệu lực từ 01/01/2024');
    expect(res.body).toContain('href="/thu-vien/luat/06-2022-qh15"');
  });

  it('the procedure page links its legal basis into the law library', async () => {
    const res = await get('/thu-vien/thu-tuc/1.000178');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/thu-vien/luat/02-2011-qh13"');
    expect(res.body).toContain('Trình tự thực hiện');
  });

  it('procedures browse by field and level', async () => {
    const res = await get('/thu-vien/thu-tuc?level=C%E1%BA%A5p+t%E1%BB%89nh');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('/thu-vien/thu-tuc/1.003504');
    expect(res.body).not.toContain('/thu-vien/thu-tuc/1.000178"');
  });

  it('the relation diagram is an SVG with links to documents in the library', async () => {
    const res = await get('/thu-vien/luat/06-2022-qh15/luoc-do');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<svg[^>]*data-testid="diagram"/);
    expect(res.body).toContain('href="/thu-vien/luat/15-2003-qh11"');
  });

  it('open data: the whole library as JSON, and a sitemap', async () => {
    const json = await t.app.inject({ url: '/thu-vien/du-lieu/thu-vien.json' });
    expect(json.statusCode).toBe(200);
    const data = json.json();
    expect(data.documents.length).toBeGreaterThanOrEqual(11);
    expect(data.documents.find((d: { id: string }) => d.id === '75-2015-qh13').articles).toHaveLength(41);
    expect(data.procedures.length).toBe(5);
    const sitemap = await t.app.inject({ url: '/thu-vien/sitemap.xml' });
    expect(sitemap.headers['content-type']).toMatch(/xml/);
    expect(sitemap.body).toContain('/thu-vien/luat/75-2015-qh13/dieu-10</loc>');
  });

  it('unknown documents answer 404', async () => {
    expect((await get('/thu-vien/luat/khong-co')).statusCode).toBe(404);
    expect((await get('/thu-vien/thu-tuc/9.999999')).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/library/documents/khong-co' })).statusCode).toBe(404);
  });
});
