import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apps } from '../../../web/portal/apps.ts';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

function htmlLang(html: string): string | undefined {
  return /<html lang="([^"]+)">/.exec(html)?.[1];
}

/** HTML text escapes quotes; compare against the escaped form of a name. */
function escaped(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
}

describe('portal home page', () => {
  it('renders in Vietnamese by default with title, description and every app', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-language']).toBe('vi');
    const html = res.body;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(htmlLang(html)).toBe('vi');
    expect(html).toContain('<title>Mặt trận số — Nền tảng số của Mặt trận Tổ quốc Việt Nam</title>');
    expect(html).toMatch(/<meta name="description" content="[^"]{50,}">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    for (const app of apps) {
      expect(html).toContain(escaped(app.name.vi));
      expect(html).toContain(`href="${app.href}"`);
    }
    expect(html).toContain('Phần mềm Cơ sở dữ liệu trực tuyến (CSDL)');
    expect(html).toContain('Quản lý đoàn viên, hội viên');
    expect(html).toContain('href="/dang-nhap"');
    expect(html).toContain('Đăng nhập cán bộ');
  });

  it('links canonical and hreflang alternates for both languages', async () => {
    const html = (await t.app.inject({ method: 'GET', url: '/' })).body;
    expect(html).toContain('<link rel="canonical" href="http://localhost/?lang=vi">');
    expect(html).toContain('<link rel="alternate" hreflang="en" href="http://localhost/?lang=en">');
    expect(html).toContain('<link rel="alternate" hreflang="x-default" href="http://localhost/">');
  });

  it('describes the page for shared links (Open Graph)', async () => {
    const html = (await t.app.inject({ method: 'GET', url: '/?lang=en' })).body;
    expect(html).toContain('<meta property="og:url" content="http://localhost/?lang=en">');
    expect(html).toContain('<meta property="og:locale" content="en_GB">');
    expect(html).toMatch(/<meta property="og:title" content="[^"]+">/);
  });

  it('switches to English with ?lang=en and remembers the choice in a cookie', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/?lang=en' });
    expect(res.statusCode).toBe(200);
    expect(htmlLang(res.body)).toBe('en');
    for (const app of apps) expect(res.body).toContain(escaped(app.name.en));
    expect(res.body).toContain('Staff sign in');
    expect(res.body).toContain('href="/?lang=vi"');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^lang=en;/);
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('SameSite=Lax');
  });

  it('serves English to a visitor whose cookie says so, and ?lang= wins over the cookie', async () => {
    const en = await t.app.inject({ method: 'GET', url: '/', cookies: { lang: 'en' } });
    expect(htmlLang(en.body)).toBe('en');
    expect(en.body).toContain('Digital Front');
    const vi = await t.app.inject({ method: 'GET', url: '/?lang=vi', cookies: { lang: 'en' } });
    expect(htmlLang(vi.body)).toBe('vi');
  });

  it('falls back to Accept-Language, then Vietnamese; ignores unknown languages', async () => {
    const en = await t.app.inject({ method: 'GET', url: '/', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(htmlLang(en.body)).toBe('en');
    const fr = await t.app.inject({ method: 'GET', url: '/?lang=fr', headers: { 'accept-language': 'fr' } });
    expect(htmlLang(fr.body)).toBe('vi');
    expect(fr.headers['set-cookie']).toBeUndefined();
  });

  it('is compatible with the strict CSP: no inline script, no style element or attribute', async () => {
    for (const url of ['/', '/?lang=en']) {
      const html = (await t.app.inject({ method: 'GET', url })).body;
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      for (const tag of scripts) expect(tag).toMatch(/\bsrc="|type="application\/json"/);
      expect(html).not.toMatch(/<style\b/i);
      expect(html).not.toMatch(/\sstyle=/i);
      expect(html).not.toMatch(/\son[a-z]+=/i);
    }
  });

  it('carries the page props in a JSON block that cannot break out of its script element', async () => {
    const html = (await t.app.inject({ method: 'GET', url: '/?lang=en&x=</script>' })).body;
    const data = /<script type="application\/json" id="__DATA__">([^<]*)<\/script>/.exec(html)?.[1];
    expect(data).toBeDefined();
    expect(JSON.parse(data!)).toMatchObject({ page: 'portal/home', chrome: { lang: 'en', path: '/' } });
  });

  it('serves a favicon so browsers do not log a 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
  });

  it('answers an unknown page URL in a browser with the HTML 404 page, and API clients with the JSON envelope', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/khong-co-trang-nay', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<html lang="vi"');
    expect(page.body).toContain('Không tìm thấy trang');
    const api = await t.app.inject({ method: 'GET', url: '/api/khong-co', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
    expect(api.json().code).toBe('ROUTE_NOT_FOUND');
    const post = await t.app.inject({ method: 'POST', url: '/khong-co', headers: { accept: 'text/html' } });
    expect(post.headers['content-type']).toContain('application/json');
  });
});
