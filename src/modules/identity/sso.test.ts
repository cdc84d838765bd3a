import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { GOOD_PASSWORD, insertAccount, signIn, TestBrowser } from './identity.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await insertAccount(t.database.db, {
    username: 'lan.badinh',
    unitCode: '00004',
    roles: ['data_entry'],
    email: 'lan@example.vn',
  });
});
afterAll(() => t.close());

describe('single sign-on across the apps', () => {
  it('signs in to one app with a password and opens a second without a prompt', async () => {
    const b = new TestBrowser(t.app);
    const first = await signIn(b, 'csdl', 'lan.badinh', GOOD_PASSWORD);
    expect(first.prompted).toBe(true);
    expect(first.url).toBe('http://localhost/quan-tri');
    const me = await b.go('GET', '/api/auth/me');
    expect(JSON.parse(me.body).principal).toMatchObject({
      unitCode: '00004',
      unitPath: 'vn.01.00004',
      orgType: 'front',
      roles: ['data_entry'],
    });
    const second = await signIn(b, 'pakn', 'x', 'y');
    expect(second.prompted).toBe(false);
    expect(second.url).toBe('http://localhost/quan-tri');
  });
});
