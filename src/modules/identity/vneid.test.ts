import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { formAction, TestBrowser } from './identity.test-helpers.ts';
import { isCitizenId } from './vneid.ts';

/**
 * A second oidc-provider, started here on a real port, stands for VNeID: a real protocol peer. Its development
 * login accepts any user name; the user name decides the citizen ID number it answers with.
 */
let upstream: Server;
let t: TestApp;
const CITIZENS: Record<string, { name: string; citizen_id: string }> = {
  dan: { name: 'Nguyễn Văn Dân', citizen_id: '001099012345' },
  sai: { name: 'Trần Thị Sai', citizen_id: '12345' },
};

beforeAll(async () => {
  upstream = createServer();
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'mat-tran-so',
        client_secret: 'vneid-test-secret-0123456789',
        redirect_uris: ['http://localhost/dang-nhap/vneid/callback'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['name', 'citizen_id'] },
    conformIdTokenClaims: false,
    findAccount: async (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: async () => ({ sub, ...CITIZENS[sub] }),
    }),
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, i: { uid: string }) => `/interaction/${i.uid}` },
    // biome-ignore lint/suspicious/noExplicitAny: oidc-provider context
    loadExistingGrant: async (ctx: any) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
  });
  const callback = provider.callback();
  // The upstream's own sign-in page: a user name stands for the person VNeID would identify.
  upstream.on('request', async (req, res) => {
    const m = req.url?.match(/^\/interaction\/([\w-]+)(\/login)?$/);
    if (!m) return callback(req, res);
    if (req.method === 'GET') {
      res.setHeader('content-type', 'text/html');
      return res.end(
        `<form method="post" action="/interaction/${m[1]}/login"><input name="login"><button>VNeID</button></form>`,
      );
    }
    let body = '';
    for await (const chunk of req) body += chunk;
    const login = new URLSearchParams(body).get('login') ?? '';
    await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
  });
  Object.assign(process.env, {
    VNEID_ISSUER: issuer,
    VNEID_CLIENT_ID: 'mat-tran-so',
    VNEID_CLIENT_SECRET: 'vneid-test-secret-0123456789',
    VNEID_CITIZEN_ID_CLAIM: 'citizen_id',
  });
  t = await createTestApp();
});
afterAll(async () => {
  for (const k of ['VNEID_ISSUER', 'VNEID_CLIENT_ID', 'VNEID_CLIENT_SECRET', 'VNEID_CITIZEN_ID_CLAIM'])
    delete process.env[k];
  await t.close();
  upstream.close();
});

/** From an app's login, through "Đăng nhập bằng VNeID" and the upstream's own login and consent pages. */
async function viaVneid(b: TestBrowser, who: string, start = '/apps/csdl/login') {
  const login = await b.go('GET', start);
  expect(login.body).toContain('Đăng nhập bằng VNeID');
  const link = login.body.match(/href="(\/dang-nhap\/vneid\?uid=[^"]+)"/)![1]!.replace(/&amp;/g, '&');
  let page = await b.go('GET', link, undefined, { followAll: true });
  expect(page.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/interaction\//);
  page = await b.go(
    'POST',
    new URL(formAction(page.body), page.url).href,
    { login: who, password: 'x' },
    { followAll: true },
  );
  if (page.url.includes('/interaction/'))
    page = await b.go('POST', new URL(formAction(page.body), page.url).href, {}, { followAll: true });
  return page;
}

describe('brokering to VNeID', () => {
  it('validates citizen ID numbers', () => {
    expect(isCitizenId('001099012345')).toBe(true);
    expect(isCitizenId('12345')).toBe(false);
    expect(isCitizenId('999099012345')).toBe(false);
    expect(isCitizenId(1099012345)).toBe(false);
  });

  it('creates a citizen account at first login and links to it afterwards', async () => {
    const first = await viaVneid(new TestBrowser(t.app), 'dan');
    // Citizens have no staff principal: the staff app refuses them, in Vietnamese.
    expect(first.status).toBe(403);
    expect(first.body).toContain('không phải tài khoản cán bộ');
    const rows = await t.database.pool.query(
      `SELECT id, kind, display_name FROM account WHERE citizen_id = '001099012345'`,
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]).toMatchObject({ kind: 'citizen', display_name: 'Nguyễn Văn Dân' });
    await viaVneid(new TestBrowser(t.app), 'dan');
    const again = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM account WHERE citizen_id = '001099012345'`,
    );
    expect(again.rows[0].n).toBe(1);
    const audit = await t.database.pool.query(
      `SELECT action, details::text AS d FROM audit_log WHERE target_id = $1 ORDER BY id`,
      [rows.rows[0].id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['identity.citizen.created', 'identity.login.vneid']);
    expect(audit.rows.map((r) => r.d).join(' ')).not.toContain('001099012345');
  });

  it('opens a citizen session in the citizens’ app (PAKN): "Phản ánh của tôi", never a staff principal', async () => {
    const b = new TestBrowser(t.app);
    const page = await viaVneid(b, 'dan', '/apps/pakn/login?next=%2Fphan-anh%2Fcua-toi');
    expect(page.status).toBe(200);
    expect(page.url).toMatch(/\/phan-anh\/cua-toi$/);
    expect(page.body).toContain('Đã đăng nhập: Nguyễn Văn Dân.');
    expect(page.body).not.toContain('001099012345');
    // The citizen cookie gives no staff access.
    expect((await b.go('GET', '/api/auth/me')).status).toBe(401);
    const audit = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'identity.session.citizen_login'`,
    );
    expect(audit.rows[0].n).toBeGreaterThanOrEqual(1);
    // Signing out of the app ends the citizen session.
    const out = await b.request('POST', '/apps/pakn/logout', {});
    expect(out.status).toBe(303);
    expect((await b.go('GET', '/phan-anh/cua-toi')).body).not.toContain('Đã đăng nhập');
  });

  it('refuses an answer without a valid 12-digit citizen ID', async () => {
    const page = await viaVneid(new TestBrowser(t.app), 'sai');
    expect(page.status).toBe(400);
    expect(page.body).toContain('số định danh cá nhân hợp lệ (12 chữ số)');
    const rows = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM account WHERE display_name = 'Trần Thị Sai'`,
    );
    expect(rows.rows[0].n).toBe(0);
  });
});
