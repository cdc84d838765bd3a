import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { sessionHeaders } from '../../core/testing/auth.ts';
import { formAction, GOOD_PASSWORD, insertAccount, signIn, TestBrowser } from './identity.test-helpers.ts';
import { currentTotp } from './totp.ts';

let t: TestApp;
const audit = async (action: string, targetId?: string) =>
  (
    await t.database.pool.query(
      'SELECT details FROM audit_log WHERE action = $1 AND ($2::text IS NULL OR target_id = $2) ORDER BY id',
      [action, targetId ?? null],
    )
  ).rows as { details: Record<string, unknown> }[];

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const FAILED = 'Tên đăng nhập hoặc mật khẩu không đúng.';

describe('lockout', () => {
  it('locks after 5 wrong passwords with the same message, even for the right password, and audits it', async () => {
    const { id } = await insertAccount(t.database.db, { username: 'khoa.lockout', unitCode: '00004' });
    const b = new TestBrowser(t.app);
    for (let i = 0; i < 5; i++) {
      const res = await signIn(b, 'csdl', 'khoa.lockout', `sai mật khẩu số ${i}!`);
      expect(res.status).toBe(400);
      expect(res.body).toContain(FAILED);
    }
    const right = await signIn(b, 'csdl', 'khoa.lockout', GOOD_PASSWORD);
    expect(right.status).toBe(400);
    expect(right.body).toContain(FAILED);
    expect(b.cookie('mts_session')).toBeUndefined();
    const unknown = await signIn(b, 'csdl', 'khong.co.ai', GOOD_PASSWORD);
    expect(unknown.body).toContain(FAILED);
    expect(await audit('identity.login.failure', id)).toHaveLength(4);
    const locked = await audit('identity.account.locked', id);
    expect(locked).toHaveLength(1);
    expect(locked[0]!.details).toMatchObject({ lockouts: 1, lockedForSeconds: 60 });
    expect(await audit('identity.login.while_locked', id)).toHaveLength(1);
    // Nothing secret is ever written to the audit log.
    const all = await t.database.pool.query('SELECT details::text AS d FROM audit_log');
    expect(all.rows.map((r) => r.d).join(' ')).not.toMatch(/sai mật khẩu|Hoa sen/);
  });

  it('lets the account in again once the lock has passed, and the next lock lasts longer', async () => {
    const { id } = await insertAccount(t.database.db, { username: 'khoa.growing', unitCode: '00004' });
    const b = new TestBrowser(t.app);
    for (let i = 0; i < 5; i++) await signIn(b, 'csdl', 'khoa.growing', 'không đúng chút nào');
    await t.database.pool.query(`UPDATE account SET locked_until = now() - interval '1 second' WHERE id = $1`, [id]);
    for (let i = 0; i < 5; i++) await signIn(b, 'csdl', 'khoa.growing', 'không đúng chút nào');
    const row = await t.database.pool.query(
      'SELECT lockouts, extract(epoch FROM locked_until - now()) AS s FROM account WHERE id = $1',
      [id],
    );
    expect(row.rows[0].lockouts).toBe(2);
    expect(Number(row.rows[0].s)).toBeGreaterThan(100);
    await t.database.pool.query(`UPDATE account SET locked_until = now() - interval '1 second' WHERE id = $1`, [id]);
    const ok = await signIn(b, 'csdl', 'khoa.growing', GOOD_PASSWORD);
    expect(ok.url).toBe('http://localhost/quan-tri');
    const after = await t.database.pool.query('SELECT lockouts, failed_logins FROM account WHERE id = $1', [id]);
    expect(after.rows[0]).toEqual({ lockouts: 0, failed_logins: 0 });
  });
});

describe('second factor', () => {
  it('makes an administrator enrol TOTP at first sign-in, then asks for a code; recovery codes work once', async () => {
    const { id } = await insertAccount(t.database.db, { username: 'quan.tri.tinh', unitCode: '01', roles: ['admin'] });
    const b = new TestBrowser(t.app);
    const enrol = await signIn(b, 'csdl', 'quan.tri.tinh', GOOD_PASSWORD);
    expect(enrol.url).toMatch(/\/dang-nhap\/sso\/[^/]+\/mfa$/);
    expect(enrol.body).toContain('Bật xác thực hai lớp');
    expect(enrol.body).toContain('src="data:image/png;base64,');
    const secret = enrol.body.match(/<figcaption><code>([A-Z2-7]+)<\/code>/)![1]!;
    const wrong = await b.go('POST', formAction(enrol.body, 'totp-form'), {
      code: '000000' === currentTotp(secret) ? '111111' : '000000',
    });
    expect(wrong.status).toBe(400);
    const codesPage = await b.go('POST', formAction(enrol.body, 'totp-form'), { code: currentTotp(secret) });
    const codes = [...codesPage.body.matchAll(/<li><code>([a-z0-9]{5}-[a-z0-9]{5})<\/code><\/li>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    const done = await b.go('POST', formAction(codesPage.body, 'continue-form'));
    expect(done.url).toBe('http://localhost/quan-tri');
    expect(await audit('identity.mfa.enrolled', id)).toHaveLength(1);

    const b2 = new TestBrowser(t.app);
    const ask = await signIn(b2, 'csdl', 'quan.tri.tinh', GOOD_PASSWORD);
    expect(ask.body).toContain('Nhập mã 6 số');
    const viaRecovery = await b2.go('POST', formAction(ask.body), { recovery: codes[0]! });
    expect(viaRecovery.url).toBe('http://localhost/quan-tri');

    const b3 = new TestBrowser(t.app);
    const ask3 = await signIn(b3, 'csdl', 'quan.tri.tinh', GOOD_PASSWORD);
    const reused = await b3.go('POST', formAction(ask3.body), { recovery: codes[0]! });
    expect(reused.status).toBe(400);
    expect(reused.body).toContain('Mã xác thực không đúng');
    // The code used for enrolment was spent: the same code again is refused, the next period's is accepted.
    // (Counted from the step that was accepted, not from now: on a slow machine a 30 s period may have ended.)
    const spent = await t.database.pool.query('SELECT totp_last_step FROM account WHERE id = $1', [id]);
    const offset = Number(spent.rows[0].totp_last_step) - Math.floor(Date.now() / 30_000);
    const replay = await b3.go('POST', formAction(ask3.body, 'totp-form'), { code: currentTotp(secret, offset) });
    expect(replay.status).toBe(400);
    const viaTotp = await b3.go('POST', formAction(ask3.body, 'totp-form'), {
      code: currentTotp(secret, offset + 1),
    });
    expect(viaTotp.url).toBe('http://localhost/quan-tri');
  });

  it('lets a cadre turn on TOTP from "my account" without losing a factor in use, and turn it off with a code', async () => {
    const { id } = await insertAccount(t.database.db, { username: 'tu.nguyen.mfa', unitCode: '00004' });
    const b = new TestBrowser(t.app);
    expect((await signIn(b, 'csdl', 'tu.nguyen.mfa', GOOD_PASSWORD)).url).toBe('http://localhost/quan-tri');
    const page = await b.go('GET', '/tai-khoan/xac-thuc-hai-lop');
    const secret = page.body.match(/<figcaption><code>([A-Z2-7]+)<\/code>/)![1]!;
    // Nothing is stored until a code confirms the secret.
    const before = await t.database.pool.query('SELECT totp_secret FROM account WHERE id = $1', [id]);
    expect(before.rows[0].totp_secret).toBeNull();
    const done = await b.go('POST', '/tai-khoan/xac-thuc-hai-lop', { code: currentTotp(secret) });
    expect(done.body).toContain('Đã bật xác thực hai lớp.');
    const b2 = new TestBrowser(t.app);
    const ask = await signIn(b2, 'pakn', 'tu.nguyen.mfa', GOOD_PASSWORD);
    expect(ask.body).toContain('Nhập mã 6 số');
    // Starting another enrolment and abandoning it leaves the factor in use untouched.
    await b.go('GET', '/tai-khoan/xac-thuc-hai-lop');
    const still = await t.database.pool.query('SELECT totp_enabled_at IS NOT NULL AS on FROM account WHERE id = $1', [
      id,
    ]);
    expect(still.rows[0].on).toBe(true);
    const off = await b.go('POST', '/tai-khoan/xac-thuc-hai-lop/tat', { code: currentTotp(secret, 1) });
    expect(off.body).toContain('Đã tắt xác thực hai lớp.');
    expect(await audit('identity.mfa.removed', id)).toHaveLength(1);
  });
});

describe('password reset by e-mailed link', () => {
  it('sends a single-use link through the outbox, says the same for unknown accounts, and ends old sessions', async () => {
    const { id } = await insertAccount(t.database.db, {
      username: 'mai.reset',
      unitCode: '00004',
      email: 'mai.reset@example.vn',
    });
    const b = new TestBrowser(t.app);
    await signIn(b, 'csdl', 'mai.reset', GOOD_PASSWORD);
    const oldSession = b.cookie('mts_session')!;
    const known = await b.go('POST', '/tai-khoan/quen-mat-khau', { identifier: 'MAI.RESET@example.vn' });
    const unknown = await b.go('POST', '/tai-khoan/quen-mat-khau', { identifier: 'nobody@example.vn' });
    expect(known.body).toContain('Nếu thông tin khớp với một tài khoản');
    expect(unknown.body.replace(/requestId[^"]*/g, '')).toContain('Nếu thông tin khớp với một tài khoản');
    const { listNotifications } = await import('../../core/notifications/index.ts');
    const mails = await listNotifications(t.database.db, {
      recipient: 'mai.reset@example.vn',
      template: 'identity.password_reset',
    });
    expect(mails).toHaveLength(1);
    const link = mails[0]!.body.match(/http:\/\/localhost(\/tai-khoan\/dat-lai-mat-khau\?token=[\w-]+)/)![1]!;
    const token = new URL(link, 'http://localhost').searchParams.get('token')!;
    const form = await b.go('GET', link);
    expect(form.status).toBe(200);
    const common = await b.go('POST', '/tai-khoan/dat-lai-mat-khau', {
      token,
      password: 'password1234',
      confirm: 'password1234',
    });
    expect(common.status).toBe(400);
    expect(common.body).toContain('mật khẩu phổ biến');
    const set = await b.go('POST', '/tai-khoan/dat-lai-mat-khau', {
      token,
      password: 'Trống đồng Đông Sơn 99',
      confirm: 'Trống đồng Đông Sơn 99',
    });
    expect(set.status).toBe(200);
    expect(set.body).toContain('Đã đặt mật khẩu mới');
    const twice = await b.go('POST', '/tai-khoan/dat-lai-mat-khau', {
      token,
      password: 'Trống đồng Đông Sơn 98',
      confirm: 'Trống đồng Đông Sơn 98',
    });
    expect(twice.status).toBe(400);
    expect(twice.body).toContain('không hợp lệ, đã dùng hoặc đã hết hạn');
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: `mts_session=${oldSession}` } });
    expect(me.statusCode).toBe(401);
    const b2 = new TestBrowser(t.app);
    expect((await signIn(b2, 'csdl', 'mai.reset', 'Trống đồng Đông Sơn 99')).url).toBe('http://localhost/quan-tri');
    expect(await audit('identity.password.reset', id)).toHaveLength(1);
    const secrets = await t.database.pool.query('SELECT details::text AS d FROM audit_log');
    expect(secrets.rows.map((r) => r.d).join(' ')).not.toContain(token);
  });

  it('refuses an expired link', async () => {
    const { id } = await insertAccount(t.database.db, {
      username: 'expired.link',
      unitCode: '00004',
      email: 'expired@example.vn',
    });
    const { createResetToken } = await import('./password-reset.ts');
    const token = await createResetToken(t.database.db, id, -1000);
    const res = await t.app.inject({ url: `/tai-khoan/dat-lai-mat-khau?token=${token}` });
    expect(res.statusCode).toBe(400);
  });
});

describe('my sessions', () => {
  it('lists my sessions and revokes one of them', async () => {
    await insertAccount(t.database.db, { username: 'phien.cua.toi', unitCode: '00004' });
    const a = new TestBrowser(t.app);
    const b = new TestBrowser(t.app);
    await signIn(a, 'csdl', 'phien.cua.toi', GOOD_PASSWORD);
    await signIn(b, 'pakn', 'phien.cua.toi', GOOD_PASSWORD);
    const page = await a.go('GET', '/tai-khoan');
    expect(page.body).toContain('Phiên đăng nhập của tôi');
    expect(page.body).toContain('(phiên này)');
    const revoke = [...page.body.matchAll(/action="(\/tai-khoan\/phien\/[0-9a-f]{64}\/thu-hoi)"/g)].map((m) => m[1]!);
    expect(revoke).toHaveLength(2);
    // Revoke the session that is not this one (the pakn session of browser b).
    const bHash = (await import('./secrets.ts')).sha256(b.cookie('mts_session')!).toString('hex');
    await a.go('POST', `/tai-khoan/phien/${bHash}/thu-hoi`);
    expect((await b.go('GET', '/api/auth/me')).status).toBe(401);
    expect((await a.go('GET', '/api/auth/me')).status).toBe(200);
    // Nobody revokes another account's session.
    const stranger = await sessionHeaders(t.database.db, {
      unitPath: 'vn.01.00004',
      unitCode: '00004',
      unitLevel: 'commune',
    });
    const aHash = (await import('./secrets.ts')).sha256(a.cookie('mts_session')!).toString('hex');
    await t.app.inject({ method: 'POST', url: `/tai-khoan/phien/${aHash}/thu-hoi`, headers: stranger });
    expect((await a.go('GET', '/api/auth/me')).status).toBe(200);
  });
});

describe('login rate limit per address', () => {
  it('answers 429 after too many attempts from one address', async () => {
    const b = new TestBrowser(t.app);
    const start = await b.go('GET', '/apps/csdl/login');
    const action = formAction(start.body, 'login-form');
    let limited = false;
    for (let i = 0; i < 25 && !limited; i++) {
      const res = await b.request('POST', action, { identifier: 'khong.ton.tai', password: 'x' });
      limited = res.status === 429;
    }
    expect(limited).toBe(true);
  });
});
