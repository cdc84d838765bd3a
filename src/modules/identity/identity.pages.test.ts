import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { safeNext } from './identity.pages.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const form = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return body.toString();
};
const post = (url: string, fields: Record<string, string | string[]>, cookie?: string) =>
  t.app.inject({
    method: 'POST',
    url,
    payload: form(fields),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'http://localhost',
      host: 'localhost',
      ...(cookie ? { cookie } : {}),
    },
  });
const sessionCookie = (res: { cookies: { name: string; value: string }[] }) =>
  `mts_session=${res.cookies.find((c) => c.name === 'mts_session')?.value}`;

describe('sign-in page', () => {
  it('renders the development sign-in form in Vietnamese, clearly labelled', async () => {
    const res = await t.app.inject({ url: '/dang-nhap' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-language']).toBe('vi');
    expect(res.body).toContain('Đăng nhập thử nghiệm — chỉ dùng cho môi trường phát triển');
    expect(res.body).toContain('Hội Liên hiệp Phụ nữ Việt Nam');
    expect(res.body).toContain('name="roles"');
    expect(res.body).toContain('Thành phố Hà Nội');
    const en = await t.app.inject({ url: '/dang-nhap?lang=en' });
    expect(en.body).toContain('Development sign-in — for development environments only');
  });

  it('signs in with a name typed without tone marks and redirects to a safe next', async () => {
    const res = await post('/dang-nhap', {
      unit: 'phuong ba dinh',
      orgType: 'front',
      roles: ['data_entry', 'viewer'],
      next: '/quan-tri/thon',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/quan-tri/thon');
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: sessionCookie(res) } });
    expect(me.json().principal).toMatchObject({ unitCode: '00004', roles: ['data_entry', 'viewer'] });
    const home = await t.app.inject({ url: '/quan-tri', headers: { cookie: sessionCookie(res) } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Phường Ba Đình');
    expect(home.body).toContain('Ủy ban Mặt trận Tổ quốc Việt Nam phường Ba Đình');
    expect(home.body).toContain('sắp triển khai');
    const out = await post('/dang-xuat', {}, sessionCookie(res));
    expect(out.statusCode).toBe(303);
    const after = await t.app.inject({ url: '/quan-tri', headers: { cookie: sessionCookie(res) } });
    expect(after.statusCode).toBe(303);
  });

  it('re-renders the form with messages when fields are missing or the unit is unknown', async () => {
    const res = await post('/dang-nhap', { unit: 'khong co don vi nao ten nay', orgType: 'front' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Không tìm thấy đơn vị');
    expect(res.body).toContain('Hãy chọn ít nhất một vai trò.');
    expect(res.cookies.find((c) => c.name === 'mts_session')).toBeUndefined();
    const empty = await post('/dang-nhap', { roles: 'viewer' });
    expect(empty.body).toContain('Hãy nhập mã hoặc tên đơn vị.');
  });

  it('offers a choice when a name matches several units', async () => {
    const res = await post('/dang-nhap', { unit: 'tan', orgType: 'front', roles: 'viewer' });
    expect(res.body).toContain('type="radio"');
  });

  it('sends anonymous visitors of the staff area to sign in, coming back afterwards', async () => {
    const res = await t.app.inject({ url: '/quan-tri' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/dang-nhap?next=%2Fquan-tri');
  });

  it('accepts only same-site relative paths as next', () => {
    expect(safeNext('/quan-tri/thon?xa=00004')).toBe('/quan-tri/thon?xa=00004');
    expect(safeNext('//evil.example')).toBe('/quan-tri');
    expect(safeNext('https://evil.example')).toBe('/quan-tri');
    expect(safeNext('/\\evil.example')).toBe('/quan-tri');
    expect(safeNext(undefined)).toBe('/quan-tri');
  });
});

describe('sign-in page without the development sign-in', () => {
  let off: TestApp;
  beforeAll(async () => {
    off = await createTestApp({ devLogin: false });
  });
  afterAll(() => off.close());
  it('offers only single sign-on', async () => {
    const res = await off.app.inject({ url: '/dang-nhap?next=%2Fquan-tri%2Fthon' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Đăng nhập bằng Tài khoản Mặt trận số');
    expect(res.body).toContain('href="/apps/csdl/login?next=%2Fquan-tri%2Fthon"');
    expect(res.body).not.toContain('name="roles"');
  });
});
