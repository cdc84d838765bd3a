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

  it('rates and reopens their own answered case without the code; never someone else’s', async () => {
    const mine = (await submitAs(citizen, { title: 'Nước sinh hoạt bị đục ở tổ 3' }, '/api/petitions')).json().id;
    const other = await sessionOf(await citizenAccount('004066000333', 'Đỗ Văn Bên'), 'Đỗ Văn Bên');
    const theirs = (await submitAs(other, {}, '/api/petitions')).json().id;
    // The Front's handling is tested in handling.test.ts; here the cases only need an answer.
    await t.database.pool.query(
      `UPDATE petition SET status = 'answered', answer_text = 'Công ty cấp nước đã súc rửa đường ống.',
         answered_at = now() WHERE id = ANY($1::bigint[])`,
      [[mine, theirs]],
    );
    const status = async (id: number) =>
      (await t.database.pool.query('SELECT status, rating, reopen_count FROM petition WHERE id = $1', [id])).rows[0];
    const post = (id: number, f: Record<string, string>, headers: Record<string, string> = citizen) =>
      t.app.inject({
        method: 'POST',
        url: `/phan-anh/cua-toi/${id}/danh-gia`,
        payload: new URLSearchParams(f).toString(),
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      });

    const page = await t.app.inject({ method: 'GET', url: `/phan-anh/cua-toi/${mine}`, headers: citizen });
    expect(page.body).toContain(`action="/phan-anh/cua-toi/${mine}/danh-gia"`);
    expect(page.body).not.toContain('name="ma"');

    // Another citizen's case, another site, or no session: nothing changes.
    expect((await post(theirs, { rating: '1', resolved: 'no' })).statusCode).toBe(404);
    const crossSite = await post(mine, { rating: '1', resolved: 'no' }, { ...citizen, origin: 'https://evil.example' });
    expect(crossSite.statusCode).toBe(303);
    expect((await post(mine, { rating: '1', resolved: 'no' }, {})).statusCode).toBe(303);
    expect(await status(mine)).toMatchObject({ status: 'answered', rating: null });
    expect(await status(theirs)).toMatchObject({ status: 'answered', rating: null });

    const bad = await post(mine, { rating: '9', resolved: 'no' });
    expect(bad.statusCode).toBe(400);
    expect((await status(mine)).rating).toBeNull();
    const rated = await post(mine, { rating: '2', resolved: 'no', comment: 'Nước vẫn đục' });
    expect(rated.statusCode).toBe(200);
    expect(await status(mine)).toMatchObject({ status: 'answered', rating: 2 });
    expect(rated.body).toContain('data-testid="reopen-form"');
    expect((await post(mine, { rating: '5', resolved: 'yes' })).statusCode).toBe(409);
    expect((await post(mine, { action: 'reopen', reason: 'Nước vẫn đục sau ba ngày' })).statusCode).toBe(200);
    expect(await status(mine)).toMatchObject({ status: 'reopened', reopen_count: 1 });
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
