import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { CITIZEN_COOKIE, createCitizenSession } from '../identity/index.ts';
import { handlerAt, multipartBody, signIn, submitCase, validFields } from './petitions.test-helpers.ts';

/**
 * A citizen signed in with VNeID (a citizen account with a verified ID, as identity's broker creates it, and a
 * citizen session for it): the cases they send carry that ID, and "Phản ánh của tôi" lists them.
 */
let t: TestApp;
let citizen: { cookie: string; origin: string; host: string };
let accountId: string;
const CITIZEN_ID = '001099012345';

async function citizenAccount(citizenId: string, name: string): Promise<string> {
  const { rows } = await t.database.pool.query(
    `INSERT INTO account (kind, display_name, citizen_id, created_by) VALUES ('citizen', $1, $2, 'vneid')
     RETURNING id::text AS id`,
    [name, citizenId],
  );
  return rows[0].id as string;
}

async function sessionOf(id: string, name: string) {
  const token = await createCitizenSession(t.database.db, { accountId: id, displayName: name });
  return { cookie: `${CITIZEN_COOKIE}=${token}`, origin: 'http://localhost:80', host: 'localhost:80' };
}

beforeAll(async () => {
  t = await createTestApp();
  accountId = await citizenAccount(CITIZEN_ID, 'Nguyễn Văn Dân');
  citizen = await sessionOf(accountId, 'Nguyễn Văn Dân');
});
afterAll(() => t.close());

const storedCitizenId = async (id: number) =>
  (await t.database.pool.query('SELECT citizen_id FROM petition WHERE id = $1', [id])).rows[0].citizen_id;

async function submitAs(headers: Record<string, string>, over: Record<string, string> = {}, url = '/phan-anh/gui') {
  const body = await multipartBody(validFields(over));
  return t.app.inject({
    method: 'POST',
    url,
    ...body,
    headers: { ...body.headers, ...headers },
    remoteAddress: `10.9.0.${Math.floor(Math.random() * 250) + 1}`,
  });
}

describe('a citizen signed in with VNeID', () => {
  it('stores the verified citizen ID with the case, never one from the form or another site', async () => {
    const title = 'Đèn chiếu sáng ngõ 8 hỏng nhiều tuần';
    // A typed citizen ID field is ignored: the ID comes from the session's account.
    const form = await t.app.inject({ method: 'GET', url: '/phan-anh/gui?don-vi=00004', headers: citizen });
    expect(form.body).toContain('Bạn đang đăng nhập bằng VNeID (Nguyễn Văn Dân)');
    expect((await t.app.inject({ method: 'GET', url: '/phan-anh/gui?don-vi=00004' })).body).not.toContain(
      'đang đăng nhập bằng VNeID',
    );
    const sent = await submitAs(citizen, { title, citizenId: '079099000001', citizen_id: '079099000001' });
    expect(sent.statusCode).toBe(201);
    expect(sent.body).toContain('href="/phan-anh/cua-toi"');
    const { rows } = await t.database.pool.query('SELECT id FROM petition WHERE title = $1', [title]);
    expect(await storedCitizenId(rows[0].id)).toBe(CITIZEN_ID);

    const api = await submitAs(citizen, {}, '/api/petitions');
    expect(api.statusCode).toBe(201);
    expect(await storedCitizenId(api.json().id)).toBe(CITIZEN_ID);

    // From another site the session does not count (the case is still received, anonymously).
    const crossSite = await submitAs({ ...citizen, origin: 'https://evil.example' }, {}, '/api/petitions');
    expect(crossSite.statusCode).toBe(201);
    expect(await storedCitizenId(crossSite.json().id)).toBeNull();
    // Without a session, or with a form field alone, nothing is stored.
    const anonymous = await submitAs({}, { citizenId: CITIZEN_ID }, '/api/petitions');
    expect(await storedCitizenId(anonymous.json().id)).toBeNull();
  });

  it('lists their cases with status and a link to follow each; nobody else’s', async () => {
    const mine = await submitAs(citizen, { title: 'Cống rãnh bốc mùi ở tổ 15' }, '/api/petitions');
    const someoneElse = await submitCase(t, { title: 'Phản ánh của người khác về tiếng ồn' });
    const other = await sessionOf(await citizenAccount('002088000777', 'Lê Thị Khác'), 'Lê Thị Khác');
    const theirs = await submitAs(other, { title: 'Phản ánh của công dân khác về vỉa hè' }, '/api/petitions');

    const page = await t.app.inject({ method: 'GET', url: '/phan-anh/cua-toi', headers: citizen });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Phản ánh của tôi');
    expect(page.body).toContain('Đã đăng nhập: Nguyễn Văn Dân.');
    expect(page.body).toContain('Cống rãnh bốc mùi ở tổ 15');
    expect(page.body).toContain(`href="/phan-anh/cua-toi/${mine.json().id}"`);
    expect(page.body).toContain('Đã tiếp nhận');
    expect(page.body).not.toContain('tiếng ồn');
    expect(page.body).not.toContain('vỉa hè');
    expect(page.body).not.toContain(CITIZEN_ID);
    expect(page.headers['cache-control']).toBe('no-store');

    const follow = await t.app.inject({ method: 'GET', url: `/phan-anh/cua-toi/${mine.json().id}`, headers: citizen });
    expect(follow.statusCode).toBe(200);
    expect(follow.body).toContain('Cống rãnh bốc mùi ở tổ 15');
    expect(follow.body).toContain('Phường Ba Đình');
    expect(follow.body).toContain('href="/phan-anh/cua-toi"');
    expect(follow.body).not.toContain('id="ma"'); // no code lookup in the citizen's own view
    for (const id of [someoneElse.id, theirs.json().id, 999_999_999])
      expect((await t.app.inject({ method: 'GET', url: `/phan-anh/cua-toi/${id}`, headers: citizen })).statusCode).toBe(
        404,
      );
    const signedOut = await t.app.inject({ method: 'GET', url: `/phan-anh/cua-toi/${mine.json().id}` });
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe('/phan-anh/cua-toi');
  });

  it('offers "Đăng nhập bằng VNeID" without a session when VNeID is configured', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/phan-anh' })).body).toContain('href="/phan-anh/cua-toi"');
    const off = await t.app.inject({ method: 'GET', url: '/phan-anh/cua-toi' });
    expect(off.statusCode).toBe(200);
    expect(off.body).not.toContain('Đăng nhập bằng VNeID</a>');
    expect(off.body).toContain('chưa được bật');
    Object.assign(process.env, {
      VNEID_ISSUER: 'https://vneid.example',
      VNEID_CLIENT_ID: 'x',
      VNEID_CLIENT_SECRET: 'y',
    });
    try {
      const on = await t.app.inject({ method: 'GET', url: '/phan-anh/cua-toi' });
      expect(on.body).toContain('href="/apps/pakn/login?next=%2Fphan-anh%2Fcua-toi"');
      expect(on.body).toContain('Đăng nhập bằng VNeID');
    } finally {
      for (const k of ['VNEID_ISSUER', 'VNEID_CLIENT_ID', 'VNEID_CLIENT_SECRET']) delete process.env[k];
    }
    // A staff session is not a citizen session.
    const staff = await signIn(t, handlerAt('00004', '01'));
    const asStaff = await t.app.inject({ method: 'GET', url: '/phan-anh/cua-toi', headers: staff });
    expect(asStaff.body).not.toContain('Đã đăng nhập');
  });

  it('forgets a disabled citizen account at once', async () => {
    const id = await citizenAccount('003077000555', 'Phạm Văn Khóa');
    const session = await sessionOf(id, 'Phạm Văn Khóa');
    expect((await t.app.inject({ method: 'GET', url: '/phan-anh/cua-toi', headers: session })).body).toContain(
      'Phạm Văn Khóa',
    );
    await t.database.pool.query(`UPDATE account SET status = 'disabled' WHERE id = $1`, [id]);
    const after = await t.app.inject({ method: 'GET', url: '/phan-anh/cua-toi', headers: session });
    expect(after.body).not.toContain('Phạm Văn Khóa');
    const sent = await submitAs(session, {}, '/api/petitions');
    expect(await storedCitizenId(sent.json().id)).toBeNull();
  });
});
