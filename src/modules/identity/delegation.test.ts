import ExcelJS from 'exceljs';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../core/auth/principal.ts';
import { listNotifications } from '../../core/notifications/index.ts';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { sessionHeaders } from '../../core/testing/auth.ts';
import { GOOD_PASSWORD, insertAccount, signIn, TestBrowser } from './identity.test-helpers.ts';

let t: TestApp;
type Who = Partial<Principal> & Pick<Principal, 'unitPath' | 'unitCode' | 'unitLevel'>;
const PROVINCE_HN: Who = { unitCode: '01', unitPath: 'vn.01', unitLevel: 'province' };
const COMMUNE_BD: Who = { unitCode: '00004', unitPath: 'vn.01.00004', unitLevel: 'commune' };
const headersOf = (w: Who, extra: Partial<Principal> = {}) => sessionHeaders(t.database.db, { ...w, ...extra });

let siblingId: string;
let otherProvinceId: string;
let womenCommuneId: string;
let auditorCommuneId: string;
beforeAll(async () => {
  t = await createTestApp();
  siblingId = (await insertAccount(t.database.db, { username: 'sibling.cadre', unitCode: '00008' })).id;
  otherProvinceId = (await insertAccount(t.database.db, { username: 'hcm.cadre', unitCode: '79' })).id;
  womenCommuneId = (
    await insertAccount(t.database.db, { username: 'phunu.badinh', unitCode: '00004', orgType: 'womens_union' })
  ).id;
  auditorCommuneId = (
    await insertAccount(t.database.db, { username: 'auditor.badinh', unitCode: '00004', roles: ['auditor'] })
  ).id;
});
afterAll(() => t.close());

const create = async (who: Who, body: Record<string, unknown>, extra: Partial<Principal> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/identity/accounts', headers: await headersOf(who, extra), payload: body });
const cadre = (over: Record<string, unknown> = {}) => ({
  displayName: 'Trần Văn Bình',
  username: `binh.${Math.random().toString(36).slice(2, 8)}`,
  unitCode: '00004',
  orgType: 'front',
  roles: ['data_entry'],
  password: GOOD_PASSWORD,
  ...over,
});

describe('delegated administration: who may create what', () => {
  it('lets a province administrator create a commune cadre and a commune administrator in the province', async () => {
    const res = await create(PROVINCE_HN, cadre());
    expect(res.statusCode).toBe(201);
    expect(res.json().account).toMatchObject({ unitCode: '00004', roles: ['data_entry'] });
    expect((await create(PROVINCE_HN, cadre({ roles: ['admin'] }))).statusCode).toBe(201);
  });

  it('answers 404 for units outside the administrator’s subtree: sibling, parent, other province', async () => {
    for (const unitCode of ['00008', '01', '79', 'VN']) {
      const res = await create(COMMUNE_BD, cadre({ unitCode }));
      expect(res.statusCode, unitCode).toBe(404);
    }
  });

  it('refuses granting a role the administrator does not hold', async () => {
    for (const roles of [['auditor'], ['data_entry', 'petition_handler'], ['authority'], ['librarian']]) {
      const res = await create(COMMUNE_BD, cadre({ roles }));
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'ACCOUNT_ROLE_BEYOND_YOURS' });
      expect(res.json().message).toContain('Bạn không thể cấp');
    }
    // Holding the role makes it grantable.
    const ok = await create(COMMUNE_BD, cadre({ roles: ['auditor'] }), { roles: ['admin', 'auditor'] });
    expect(ok.statusCode).toBe(201);
  });

  it('narrows an organisation’s administrator to its own organisation', async () => {
    const women = { orgType: 'womens_union' as const };
    expect((await create(COMMUNE_BD, cadre({ orgType: 'front' }), women)).statusCode).toBe(404);
    expect((await create(COMMUNE_BD, cadre({ orgType: 'farmers_union' }), women)).statusCode).toBe(404);
    expect((await create(COMMUNE_BD, cadre({ orgType: 'womens_union' }), women)).statusCode).toBe(201);
  });

  it('needs the administrator role at all', async () => {
    const res = await create(PROVINCE_HN, cadre(), { roles: ['data_entry'] });
    expect(res.statusCode).toBe(403);
    const list = await t.app.inject({
      url: '/api/identity/accounts',
      headers: await headersOf(PROVINCE_HN, { roles: ['viewer'] }),
    });
    expect(list.statusCode).toBe(403);
    const anon = await t.app.inject({ method: 'POST', url: '/api/identity/accounts', payload: cadre() });
    expect(anon.statusCode).toBe(401);
  });

  it('refuses a common password, and a username/e-mail already used, with nothing created', async () => {
    const weak = await create(PROVINCE_HN, cadre({ password: 'password1234' }));
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('PASSWORD_COMMON');
    const taken = await create(PROVINCE_HN, cadre({ username: 'sibling.cadre' }));
    expect(taken.statusCode).toBe(409);
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/identity/accounts',
      headers: { ...(await headersOf(PROVINCE_HN)), 'accept-language': 'en' },
      payload: cadre({ password: 'short' }),
    });
    expect(en.json().message).toBe('The password must have at least 12 characters.');
  });
});

describe('delegated administration: managing existing accounts', () => {
  it('lists only accounts in scope (subtree, own organisation outside the Front)', async () => {
    const list = await t.app.inject({ url: '/api/identity/accounts?limit=200', headers: await headersOf(COMMUNE_BD) });
    const ids = list.json().items.map((a: { id: string }) => a.id);
    expect(ids).toContain(womenCommuneId);
    expect(ids).not.toContain(siblingId);
    expect(ids).not.toContain(otherProvinceId);
    const women = await t.app.inject({
      url: '/api/identity/accounts?limit=200',
      headers: await headersOf(COMMUNE_BD, { orgType: 'womens_union' }),
    });
    expect(women.json().items.map((a: { id: string }) => a.id)).toContain(womenCommuneId);
    expect(new Set(women.json().items.map((a: { orgType: string }) => a.orgType))).toEqual(new Set(['womens_union']));
    const byName = await t.app.inject({
      url: `/api/identity/accounts?q=${encodeURIComponent('can bo phunu')}`,
      headers: await headersOf(COMMUNE_BD),
    });
    expect(byName.json().items.map((a: { id: string }) => a.id)).toEqual([womenCommuneId]);
  });

  it('answers 404 for every action on an account out of scope', async () => {
    const h = await headersOf(COMMUNE_BD);
    for (const id of [siblingId, otherProvinceId]) {
      expect((await t.app.inject({ url: `/api/identity/accounts/${id}`, headers: h })).statusCode).toBe(404);
      for (const action of ['disable', 'enable', 'reset-mfa']) {
        expect(
          (await t.app.inject({ method: 'POST', url: `/api/identity/accounts/${id}/${action}`, headers: h }))
            .statusCode,
        ).toBe(404);
      }
      const roles = await t.app.inject({
        method: 'POST',
        url: `/api/identity/accounts/${id}/roles`,
        headers: h,
        payload: { roles: ['viewer'] },
      });
      expect(roles.statusCode).toBe(404);
    }
    const women = await headersOf(COMMUNE_BD, { orgType: 'womens_union' });
    expect((await t.app.inject({ url: `/api/identity/accounts/${auditorCommuneId}`, headers: women })).statusCode).toBe(
      404,
    );
  });

  it('refuses raising an account above the administrator, managing a stronger account, or changing oneself', async () => {
    const h = await headersOf(COMMUNE_BD);
    const raise = await t.app.inject({
      method: 'POST',
      url: `/api/identity/accounts/${womenCommuneId}/roles`,
      headers: h,
      payload: { roles: ['auditor'] },
    });
    expect(raise.statusCode).toBe(403);
    // The auditor holds a role this administrator lacks: not theirs to disable.
    const stronger = await t.app.inject({
      method: 'POST',
      url: `/api/identity/accounts/${auditorCommuneId}/disable`,
      headers: h,
    });
    expect(stronger.statusCode).toBe(403);
    const self = await insertAccount(t.database.db, { username: 'admin.self', unitCode: '00004', roles: ['admin'] });
    const own = await sessionHeaders(t.database.db, { ...COMMUNE_BD, accountId: self.id, roles: ['admin'] });
    for (const [action, payload] of [
      ['roles', { roles: ['admin', 'data_entry'] }],
      ['disable', undefined],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/identity/accounts/${self.id}/${action}`,
        headers: own,
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('ACCOUNT_SELF_CHANGE');
    }
    const rows = await t.database.pool.query('SELECT roles, status FROM account WHERE id = ANY($1)', [
      [womenCommuneId, auditorCommuneId, self.id],
    ]);
    expect(rows.rows.map((r) => r.status)).toEqual(['active', 'active', 'active']);
  });

  it('disabling an account ends its app sessions, provider session and tokens at once', async () => {
    const victim = await insertAccount(t.database.db, { username: 'sap.bi.khoa', unitCode: '00004' });
    const b = new TestBrowser(t.app);
    await signIn(b, 'csdl', 'sap.bi.khoa', GOOD_PASSWORD);
    const before = await t.database.pool.query('SELECT count(*)::int AS n FROM oidc_payload WHERE account_id = $1', [
      victim.id,
    ]);
    expect(before.rows[0].n).toBeGreaterThan(0);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/identity/accounts/${victim.id}/disable`,
      headers: await headersOf(COMMUNE_BD),
    });
    expect(res.statusCode).toBe(200);
    expect((await b.go('GET', '/api/auth/me')).status).toBe(401);
    const after = await t.database.pool.query('SELECT count(*)::int AS n FROM oidc_payload WHERE account_id = $1', [
      victim.id,
    ]);
    expect(after.rows[0].n).toBe(0);
    // The provider no longer knows the browser's session: the next app asks again, and the password no longer works.
    const again = await signIn(b, 'pakn', 'sap.bi.khoa', GOOD_PASSWORD);
    expect(again.prompted).toBe(true);
    expect(again.body).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    const audit = await t.database.pool.query(
      `SELECT actor_unit_path::text AS p FROM audit_log WHERE action = 'identity.account.disable' AND target_id = $1`,
      [victim.id],
    );
    expect(audit.rows).toEqual([{ p: 'vn.01.00004' }]);
  });
});

async function sheet(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Cán bộ');
  ws.addRow(['Họ và tên', 'Tên đăng nhập', 'Thư điện tử', 'Số điện thoại', 'Mã đơn vị', 'Tổ chức', 'Vai trò']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(buf: Buffer, who: Who = PROVINCE_HN) {
  const boundary = '----mts';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="can-bo.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
    ),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: '/api/identity/accounts/import',
    headers: { ...(await headersOf(who)), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
}

describe('bulk creation from an Excel list of cadres', () => {
  it('reports every bad row by number and creates nothing; then creates all and mails set-password links', async () => {
    const bad = await upload(
      await sheet([
        [
          'Lê Thị Hoa',
          'hoa.le.import',
          'hoa.le@example.vn',
          '0912 345 001',
          '00004',
          'Hội Liên hiệp Phụ nữ',
          'Nhập liệu',
        ],
        ['Phạm Văn Nam', 'nam.pham.import', '', '', '79', 'Mặt trận', 'Chỉ xem'],
        ['Đỗ Thu', 'thu.do.import', 'thu.do@example', '', '00004', 'Mặt trận', 'Hoàng đế'],
        ['Vũ An', 'hoa.le.import', '', '', '00004', 'Mặt trận', 'viewer'],
      ]),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('ACCOUNT_IMPORT_INVALID');
    const rows = bad.json().rows as { row: number; message: string }[];
    expect(rows.map((r) => r.row)).toEqual([4]);
    expect(rows[0]!.message).toContain('không nhận ra vai trò "Hoàng đế"');
    expect(rows[0]!.message).toContain('thư điện tử "thu.do@example" không hợp lệ');
    const second = await upload(
      await sheet([
        [
          'Lê Thị Hoa',
          'hoa.le.import',
          'hoa.le@example.vn',
          '0912 345 001',
          '00004',
          'Hội Liên hiệp Phụ nữ',
          'Nhập liệu',
        ],
        ['Phạm Văn Nam', 'nam.pham.import', '', '', '79', 'Mặt trận', 'Chỉ xem'],
        ['Vũ An', 'hoa.le.import', '', '', '00004', 'Mặt trận', 'viewer'],
      ]),
    );
    expect(second.statusCode).toBe(400);
    expect(second.json().rows).toEqual([
      { row: 3, message: 'Đơn vị mang mã "79" không thuộc phạm vi quản lý của bạn.' },
      { row: 4, message: 'Trùng tên đăng nhập, thư điện tử hoặc số điện thoại với dòng 2 trong tệp.' },
    ]);
    const none = await t.database.pool.query(`SELECT count(*)::int AS n FROM account WHERE username LIKE '%.import'`);
    expect(none.rows[0].n).toBe(0);

    const good = await upload(
      await sheet([
        [
          'Lê Thị Hoa',
          'hoa.le.import',
          'hoa.le@example.vn',
          '0912 345 001',
          '00004',
          'Hội Liên hiệp Phụ nữ',
          'Nhập liệu',
        ],
        ['Phạm Văn Nam', 'nam.pham.import', 'nam.pham@example.vn', '', '00008', 'mat tran', 'Chỉ xem, Nhập liệu'],
      ]),
    );
    expect(good.statusCode).toBe(201);
    expect(good.json()).toEqual({ created: 2 });
    const created = await t.database.pool.query(
      `SELECT username, org_type, roles, phone FROM account WHERE username LIKE '%.import' ORDER BY username`,
    );
    expect(created.rows).toEqual([
      { username: 'hoa.le.import', org_type: 'womens_union', roles: ['data_entry'], phone: '0912345001' },
      { username: 'nam.pham.import', org_type: 'front', roles: ['viewer', 'data_entry'], phone: null },
    ]);
    const mails = await listNotifications(t.database.db, {
      recipient: 'hoa.le@example.vn',
      template: 'identity.account_created',
    });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body).toContain('/tai-khoan/dat-lai-mat-khau?token=');
  });
});

describe('client registration and key rotation (Central administrator)', () => {
  const CENTRAL: Who = { unitCode: 'VN', unitPath: 'vn', unitLevel: 'central' };
  it('lets only a Central administrator register a third-party client, with valid redirect URIs', async () => {
    const body = { clientId: 'cong-dich-vu', name: 'Cổng dịch vụ công', redirectUris: ['https://dvc.example.vn/cb'] };
    const province = await t.app.inject({
      method: 'POST',
      url: '/api/identity/clients',
      headers: await headersOf(PROVINCE_HN),
      payload: body,
    });
    expect(province.statusCode).toBe(403);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/identity/clients',
      headers: await headersOf(CENTRAL),
      payload: { ...body, redirectUris: ['http://dvc.example.vn/cb'] },
    });
    expect(bad.statusCode).toBe(400);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/identity/clients',
      headers: await headersOf(CENTRAL),
      payload: body,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().clientSecret).toHaveLength(43);
    const stored = await t.database.pool.query(
      `SELECT sealed_secret FROM oidc_client WHERE client_id = 'cong-dich-vu'`,
    );
    expect(stored.rows[0].sealed_secret).not.toContain(ok.json().clientSecret);
    // The provider knows the client: an authorization request with its exact redirect URI goes to sign-in.
    const verifier = oidc.randomPKCECodeVerifier();
    const url = `/oidc/auth?client_id=cong-dich-vu&response_type=code&scope=openid&redirect_uri=${encodeURIComponent('https://dvc.example.vn/cb')}&code_challenge=${await oidc.calculatePKCECodeChallenge(verifier)}&code_challenge_method=S256`;
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/dang-nhap\/sso\//);
  });

  it('rotates the signing key: the new key signs, the old one stays published', async () => {
    const before = (await t.app.inject({ url: '/oidc/jwks' })).json().keys as { kid: string }[];
    const province = await t.app.inject({
      method: 'POST',
      url: '/api/identity/keys/rotate',
      headers: await headersOf(PROVINCE_HN),
    });
    expect(province.statusCode).toBe(403);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/identity/keys/rotate',
      headers: await headersOf(CENTRAL),
    });
    expect(res.statusCode).toBe(200);
    const kid = res.json().kid;
    const after = (await t.app.inject({ url: '/oidc/jwks' })).json().keys as { kid: string }[];
    expect(after.map((k) => k.kid)).toEqual([kid, ...before.map((k) => k.kid)]);
    await insertAccount(t.database.db, { username: 'after.rotation', unitCode: '00004' });
    const b = new TestBrowser(t.app);
    expect((await signIn(b, 'csdl', 'after.rotation', GOOD_PASSWORD)).url).toBe('http://localhost/quan-tri');
  });
});
