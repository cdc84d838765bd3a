import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const sameSite = { origin: 'http://localhost', host: 'localhost' };

describe('development sign-in', () => {
  it('signs in as a commune cadre with the unit resolved from its code', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/dev-login',
      payload: { unitCode: '00004', orgType: 'front', roles: ['data_entry'] },
    });
    expect(res.statusCode).toBe(200);
    const principal = res.json().principal;
    expect(principal).toMatchObject({ unitCode: '00004', unitPath: 'vn.01.00004', unitLevel: 'commune' });
    const cookie = res.cookies.find((c) => c.name === 'mts_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const me = await t.app.inject({ url: '/api/auth/me', cookies: { mts_session: cookie!.value } });
    expect(me.json().principal.unitCode).toBe('00004');

    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      cookies: { mts_session: cookie!.value },
      headers: sameSite,
    });
    expect(out.statusCode).toBe(200);
    const after = await t.app.inject({ url: '/api/auth/me', cookies: { mts_session: cookie!.value } });
    expect(after.statusCode).toBe(401);
  });

  it('refuses an unknown unit with a Vietnamese message', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { unitCode: '99999' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'DEV_LOGIN_UNKNOWN_UNIT', message: 'Không có đơn vị mang mã "99999".' });
  });

  it('refuses an unknown role with field details', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/dev-login',
      payload: { unitCode: '01', roles: ['emperor'] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().fields[0].field).toContain('roles');
  });
});

describe('development sign-in switched off', () => {
  let off: TestApp;
  beforeAll(async () => {
    off = await createTestApp({ devLogin: false });
  });
  afterAll(() => off.close());

  it('does not exist', async () => {
    const res = await off.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { unitCode: '01' } });
    expect(res.statusCode).toBe(404);
  });
});
