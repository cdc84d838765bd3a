import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { formAction, GOOD_PASSWORD, insertAccount, signIn, TestBrowser } from './identity.test-helpers.ts';

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
    // The sign-in is audited once, with the app, the factors and the address (written with the interaction's result).
    const audited = await t.database.pool.query(
      `SELECT details, host(ip) AS ip FROM audit_log WHERE action = 'identity.login.success'
         AND target_id = (SELECT id::text FROM account WHERE username = 'lan.badinh')`,
    );
    expect(audited.rows).toEqual([{ details: { clientId: 'csdl', amr: ['pwd'] }, ip: b.remoteAddress }]);
    const second = await signIn(b, 'pakn', 'x', 'y');
    expect(second.prompted).toBe(false);
    expect(second.url).toBe('http://localhost/quan-tri');
    // Each app session carries its app and provider session (for back-channel logout) and is audited with it.
    const sessions = await t.database.pool.query(
      `SELECT s.client_id, s.oidc_sid, a.details->>'clientId' AS audited FROM auth_session s
       JOIN audit_log a ON a.action = 'identity.session.app_login' AND a.target_id = s.account_id::text
         AND a.details->>'clientId' = s.client_id
       ORDER BY s.created_at`,
    );
    expect(sessions.rows.map((r) => [r.client_id, r.audited])).toEqual([
      ['csdl', 'csdl'],
      ['pakn', 'pakn'],
    ]);
    // oidc-provider gives each app its own sid for the one provider session.
    expect(sessions.rows.every((r) => typeof r.oidc_sid === 'string' && r.oidc_sid.length > 10)).toBe(true);
  });

  it('gives no app session to an account disabled while its sign-in is under way', async () => {
    const { id } = await insertAccount(t.database.db, { username: 'mai.giua.chung', unitCode: '00004' });
    const setStatus = (status: string) =>
      t.database.pool.query('UPDATE account SET status = $1 WHERE id = $2', [status, id]);
    /** Signs in up to the step given, disables the account there, then lets the browser go on. */
    async function disabledAt(step: 'after password' | 'before code exchange') {
      await setStatus('active');
      const b = new TestBrowser(t.app);
      const start = await b.go('GET', '/apps/csdl/login');
      let res = await b.request('POST', formAction(start.body, 'login-form'), {
        identifier: 'mai.giua.chung',
        password: GOOD_PASSWORD,
      });
      expect(res.location).toMatch(/\/oidc\/auth\//);
      if (step === 'before code exchange') {
        res = await b.request('GET', res.location!);
        expect(res.location).toMatch(/\/apps\/csdl\/callback\?code=/);
      }
      await setStatus('disabled');
      const end = await b.go('GET', res.location!);
      return { b, end };
    }
    const early = await disabledAt('after password');
    expect(early.b.cookie('mts_session')).toBeUndefined();
    expect(early.end.url).not.toBe('http://localhost/quan-tri');
    const late = await disabledAt('before code exchange');
    expect(late.b.cookie('mts_session')).toBeUndefined();
    expect(late.end.status).toBeGreaterThanOrEqual(400);
    const sessions = await t.database.pool.query('SELECT count(*)::int AS n FROM auth_session WHERE account_id = $1', [
      id,
    ]);
    expect(sessions.rows[0].n).toBe(0);
  });
});
