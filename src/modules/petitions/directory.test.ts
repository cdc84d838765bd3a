import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../core/audit.ts';
import { listNotifications } from '../../core/notifications/index.ts';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { remindOverdue } from './overdue.ts';
import {
  authorityAt,
  handlerAt,
  linkAccountAs,
  seededAuthority,
  signIn,
  staffAccount,
  submitCase,
} from './petitions.test-helpers.ts';

let t: TestApp;
let baDinh: Record<string, string>;
let hoanKiem: Record<string, string>;
let centralAdmin: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  baDinh = await signIn(t, handlerAt('00004', '01'));
  hoanKiem = await signIn(t, handlerAt('00070', '01'));
  centralAdmin = await signIn(t, {
    unitCode: 'VN',
    unitPath: 'vn',
    unitLevel: 'central',
    orgType: 'front',
    roles: ['admin'],
    displayName: 'Quản trị Trung ương',
  });
});
afterAll(() => t.close());

const act = (id: number, body: object, headers: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: `/api/petitions/${id}/actions`, payload: body, headers });
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const form = (url: string, fields: Record<string, string>, headers: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
  });
const ids = (res: { json(): { items: { id: number }[] } }) => res.json().items.map((i) => i.id);

async function forwarded(authorityId: number, over: Record<string, string> = {}): Promise<number> {
  const { id } = await submitCase(t, over);
  await act(id, { action: 'accept' }, baDinh);
  expect((await act(id, { action: 'forward', authorityId }, baDinh)).json().status).toBe('forwarded');
  return id;
}

describe('authority accounts tied to a directory entry', () => {
  it('the commune police and People’s Committee each see and answer only their own cases', async () => {
    const ubndEntry = await seededAuthority(t, '00004', 'Ủy ban nhân dân');
    const policeEntry = await seededAuthority(t, '00004', 'Công an');
    const ubnd = await staffAccount(t, { ...authorityAt('00004', '01'), displayName: 'UBND Ba Đình' });
    const police = await staffAccount(t, { ...authorityAt('00004', '01'), displayName: 'Công an Ba Đình' });
    expect((await linkAccountAs(t, baDinh, ubndEntry, ubnd.id)).statusCode).toBe(204);
    expect((await linkAccountAs(t, baDinh, policeEntry, police.id)).statusCode).toBe(204);

    // The forward choice says which entries have no answering account yet.
    const { id: fresh } = await submitCase(t);
    await act(fresh, { action: 'accept' }, baDinh);
    const casePage = await get(`/quan-tri/phan-anh/${fresh}`, baDinh);
    expect(casePage.body).toContain(`>Công an phường Ba Đình</option>`);
    const hoanKiemCase = await submitCase(t, { unit: '00070' });
    await act(hoanKiemCase.id, { action: 'accept' }, hoanKiem);
    expect((await get(`/quan-tri/phan-anh/${hoanKiemCase.id}`, hoanKiem)).body).toMatch(
      /Công an phường Hoàn Kiếm — chưa có tài khoản trả lời, chỉ nhận trả lời trên giấy<\/option>/,
    );
    const toUbnd = await forwarded(ubndEntry, { title: 'Đường ngõ 5 xuống cấp nghiêm trọng' });
    const toPolice = await forwarded(policeEntry, { category: 'an_ninh', title: 'Tụ tập gây mất trật tự ban đêm' });

    expect(ids(await get('/api/petitions/inbox?pageSize=100', ubnd.headers))).toContain(toUbnd);
    expect(ids(await get('/api/petitions/inbox?pageSize=100', ubnd.headers))).not.toContain(toPolice);
    expect(ids(await get('/api/petitions/inbox?pageSize=100', police.headers))).toContain(toPolice);
    expect(ids(await get('/api/petitions/inbox?pageSize=100', police.headers))).not.toContain(toUbnd);
    // The other's case: 404 to read, to open as a page and to answer.
    expect((await get(`/api/petitions/${toPolice}`, ubnd.headers)).statusCode).toBe(404);
    expect((await get(`/quan-tri/phan-anh/${toPolice}`, ubnd.headers)).statusCode).toBe(404);
    expect((await act(toPolice, { action: 'answer', text: 'Không phải của tôi' }, ubnd.headers)).statusCode).toBe(404);
    expect((await act(toUbnd, { action: 'answer', text: 'Không phải của tôi' }, police.headers)).statusCode).toBe(404);
    expect((await act(toUbnd, { action: 'answer', text: 'UBND đã sửa đường.' }, ubnd.headers)).json().status).toBe(
      'answered',
    );

    // An authority account linked to nothing sees nothing.
    const unlinked = await staffAccount(t, authorityAt('00004', '01'));
    expect(ids(await get('/api/petitions/inbox?pageSize=100', unlinked.headers))).toEqual([]);
    expect((await get(`/api/petitions/${toPolice}`, unlinked.headers)).statusCode).toBe(404);

    // Unlinking ends the access.
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/petitions/authorities/${policeEntry}/accounts/${police.id}`,
      headers: baDinh,
    });
    expect(del.statusCode).toBe(204);
    expect((await get(`/api/petitions/${toPolice}`, police.headers)).statusCode).toBe(404);

    const audit = await listAudit(t.database.db, { pathPrefix: 'vn.01.00004', limit: 500 });
    const mine = audit.filter((a) => a.targetType === 'petition_authority');
    expect(mine.map((a) => a.action)).toEqual(
      expect.arrayContaining(['petitions.authority.link', 'petitions.authority.unlink']),
    );
    expect(mine.find((a) => a.action === 'petitions.authority.link')?.actorName).toBe('Cán bộ 00004');
  });

  it('refuses links outside one’s scope with 404, and accounts that could not answer with 400', async () => {
    const baDinhEntry = await seededAuthority(t, '00004');
    const hoanKiemEntry = await seededAuthority(t, '00070');
    const inHoanKiem = await staffAccount(t, authorityAt('00070', '01'));
    const inBaDinh = await staffAccount(t, authorityAt('00004', '01'));
    // A neighbour's entry, and a neighbour's account: both outside the commune handler's scope.
    expect((await linkAccountAs(t, hoanKiem, baDinhEntry, inBaDinh.id)).statusCode).toBe(404);
    expect((await linkAccountAs(t, baDinh, baDinhEntry, inHoanKiem.id)).statusCode).toBe(404);
    expect((await linkAccountAs(t, baDinh, baDinhEntry, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    // Another organisation of the commune does not manage the Front's directory.
    const youth = await signIn(t, handlerAt('00004', '01', { orgType: 'youth_union' }));
    expect((await linkAccountAs(t, youth, baDinhEntry, inBaDinh.id)).statusCode).toBe(404);
    expect((await get('/api/petitions/directory?unit=00004', hoanKiem)).statusCode).toBe(404);
    // Within scope but unable to answer: no authority role, or an account of another commune under the province.
    const handlerAccount = await staffAccount(t, handlerAt('00004', '01'));
    const noRole = await linkAccountAs(t, baDinh, baDinhEntry, handlerAccount.id);
    expect(noRole.statusCode).toBe(400);
    expect(noRole.json().code).toBe('PETITION_ACCOUNT_NOT_AUTHORITY');
    const province = await signIn(t, {
      unitCode: '01',
      unitPath: 'vn.01',
      unitLevel: 'province',
      orgType: 'front',
      roles: ['petition_handler'],
    });
    const wrongUnit = await linkAccountAs(t, province, hoanKiemEntry, inBaDinh.id);
    expect(wrongUnit.statusCode).toBe(400);
    expect(wrongUnit.json().code).toBe('PETITION_ACCOUNT_OUTSIDE_UNIT');
    expect((await linkAccountAs(t, province, hoanKiemEntry, inHoanKiem.id)).statusCode).toBe(204);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM petition_authority_account
      WHERE account_id IN (${inBaDinh.id}, ${handlerAccount.id})`.execute(t.database.db);
    expect(rows[0]!.n).toBe(0);
  });
});

describe('the directory page', () => {
  it('lists a unit’s authorities and creates, edits, deactivates and links without JavaScript', async () => {
    const page = await get('/quan-tri/phan-anh/co-quan', baDinh);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Danh bạ cơ quan có thẩm quyền');
    expect(page.body).toContain('Công an phường Ba Đình');
    expect((await get('/quan-tri/phan-anh', baDinh)).body).toContain('href="/quan-tri/phan-anh/co-quan"');

    const empty = await form('/quan-tri/phan-anh/co-quan/them', { unit: '00004', name: 'X', email: 'sai' }, baDinh);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Tên cơ quan cần từ 3 đến 200 ký tự.');
    expect(empty.body).toContain('Địa chỉ thư điện tử không hợp lệ.');
    expect(empty.body).toContain('field field--invalid');

    const name = 'Công ty Cấp nước Ba Đình';
    const created = await form(
      '/quan-tri/phan-anh/co-quan/them',
      { unit: '00004', name, email: 'nuoc@example.vn' },
      baDinh,
    );
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/quan-tri/phan-anh/co-quan?don-vi=00004&ok=created');
    const again = await form('/quan-tri/phan-anh/co-quan/them', { unit: '00004', name }, baDinh);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Đơn vị đã có một cơ quan cùng tên trong danh bạ.');
    const { rows } = await sql<{ id: number }>`SELECT id FROM petition_authority WHERE name = ${name}`.execute(
      t.database.db,
    );
    const id = Number(rows[0]!.id);

    const renamed = await form(
      `/quan-tri/phan-anh/co-quan/${id}/sua`,
      { unit: '00004', name: 'Công ty Nước sạch Ba Đình', email: '' },
      baDinh,
    );
    expect(renamed.statusCode).toBe(303);
    const account = await staffAccount(t, { ...authorityAt('00004', '01'), displayName: 'Nhân viên Nước sạch' });
    const listed = await get('/quan-tri/phan-anh/co-quan', baDinh);
    expect(listed.body).toContain('Nhân viên Nước sạch');
    const noChoice = await form(`/quan-tri/phan-anh/co-quan/${id}/lien-ket`, { unit: '00004', accountId: '' }, baDinh);
    expect(noChoice.statusCode).toBe(400);
    expect(noChoice.body).toContain('Hãy chọn một tài khoản.');
    const linked = await form(
      `/quan-tri/phan-anh/co-quan/${id}/lien-ket`,
      { unit: '00004', accountId: account.id },
      baDinh,
    );
    expect(linked.statusCode).toBe(303);

    const off = await form(`/quan-tri/phan-anh/co-quan/${id}/trang-thai`, { unit: '00004' }, baDinh);
    expect(off.headers.location).toContain('ok=deactivated');
    // A deactivated authority is no longer offered for forwarding.
    const offered = (await get('/api/petitions/authorities?unit=00004', baDinh)).json().items as { id: number }[];
    expect(offered.map((a) => a.id)).not.toContain(id);
    const after = await get('/quan-tri/phan-anh/co-quan?ok=deactivated', baDinh);
    expect(after.body).toContain('Công ty Nước sạch Ba Đình');
    expect(after.body).toContain('Nhân viên Nước sạch');
    expect(after.body).toContain('Cơ quan đã ngừng nhận phản ánh mới.');

    const audit = await listAudit(t.database.db, { pathPrefix: 'vn.01.00004', limit: 500 });
    const actions = audit.filter((a) => a.targetId === String(id)).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'petitions.authority.create',
        'petitions.authority.update',
        'petitions.authority.link',
        'petitions.authority.deactivate',
      ]),
    );
    // A neighbour's directory and forms: 404.
    expect((await get('/quan-tri/phan-anh/co-quan?don-vi=00004', hoanKiem)).statusCode).toBe(404);
    expect(
      (await form(`/quan-tri/phan-anh/co-quan/${id}/sua`, { unit: '00070', name: 'Chiếm' }, hoanKiem)).statusCode,
    ).toBe(404);
  });
});

describe('the category deadlines page', () => {
  it('lets Central administrators set deadlines, validated and audited; nobody else', async () => {
    const page = await get('/quan-tri/phan-anh/thoi-han', centralAdmin);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Thời hạn xử lý theo lĩnh vực');
    expect((await get('/quan-tri/phan-anh/thoi-han', baDinh)).statusCode).toBe(404);
    expect((await form('/quan-tri/phan-anh/thoi-han', { days_moi_truong: '12' }, baDinh)).statusCode).toBe(404);

    const bad = await form(
      '/quan-tri/phan-anh/thoi-han',
      { days_moi_truong: '0', days_y_te: 'mười', days_khac: '12' },
      centralAdmin,
    );
    expect(bad.statusCode).toBe(400);
    expect(
      bad.body.match(
        /<p class="field__error" id="days_(moi_truong|y_te)-error">Thời hạn là số ngày làm việc từ 1 đến 90\.</g,
      ),
    ).toHaveLength(2);
    expect(bad.body).toContain('value="mười"');
    const before = await sql<{
      d: number;
    }>`SELECT deadline_days AS d FROM petition_category WHERE code = 'khac'`.execute(t.database.db);
    expect(before.rows[0]!.d).toBe(15); // nothing saved from a refused form

    const ok = await form('/quan-tri/phan-anh/thoi-han', { days_moi_truong: '12', days_khac: '15' }, centralAdmin);
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/quan-tri/phan-anh/thoi-han?ok=saved');
    const { rows } = await sql<{ d: number }>`SELECT deadline_days AS d FROM petition_category
      WHERE code = 'moi_truong'`.execute(t.database.db);
    expect(rows[0]!.d).toBe(12);
    const audit = await listAudit(t.database.db, {
      pathPrefix: 'vn',
      action: 'petitions.category.deadline',
      limit: 10,
    });
    expect(audit.map((a) => a.targetId)).toEqual(['moi_truong']);
    // The API shares the rule.
    const api = await t.app.inject({
      method: 'PUT',
      url: '/api/petitions/categories/moi_truong',
      payload: { deadlineDays: 10 },
      headers: centralAdmin,
    });
    expect(api.statusCode).toBe(200);
  });
});

describe('overdue reminders for handlers', () => {
  it('reminds the assigned handler, or else the unit’s handlers, at most once per 20 hours', async () => {
    const entry = await seededAuthority(t, '00004', 'Công an');
    const assignee = await staffAccount(t, handlerAt('00004', '01', { displayName: 'Cán bộ được giao' }), {
      email: 'duoc.giao@example.vn',
    });
    const unitHandler = await staffAccount(t, handlerAt('00004', '01'), { phone: '0987000111' });
    const withAssignee = await forwarded(entry);
    await act(withAssignee, { action: 'assign', toId: assignee.id, toName: 'Cán bộ được giao' }, baDinh);
    const unassigned = await forwarded(entry);
    await sql`UPDATE petition SET due_date = '2026-01-05' WHERE id IN (${withAssignee}, ${unassigned})`.execute(
      t.database.db,
    );
    expect(await remindOverdue(t.database.db, 'http://localhost')).toBeGreaterThanOrEqual(2);
    expect(await remindOverdue(t.database.db, 'http://localhost')).toBe(0);

    // The assignee hears about its case; being a handler of the unit, about the unassigned one too.
    const mail = await listNotifications(t.database.db, { recipient: 'duoc.giao@example.vn' });
    expect(mail.map((m) => [m.channel, m.template])).toEqual([
      ['email', 'petitions.handler_overdue'],
      ['email', 'petitions.handler_overdue'],
    ]);
    expect(mail.map((m) => m.subject).join(' ')).toContain(`số ${withAssignee}`);
    // The other handler of the unit (phone only: SMS) hears about the unassigned case only.
    const sms = await listNotifications(t.database.db, { recipient: '0987000111' });
    expect(sms.map((n) => [n.channel, n.template])).toEqual([['sms', 'petitions.handler_overdue']]);
    expect(sms[0]!.body).toContain(`số ${unassigned}`);
    expect(sms[0]!.body).toContain('http://localhost/quan-tri/phan-anh/');
    expect(unitHandler.id).toBeTruthy();

    // 21 hours later the next scan reminds again.
    await sql`UPDATE petition SET reminded_at = now() - interval '21 hours' WHERE id = ${withAssignee}`.execute(
      t.database.db,
    );
    expect(await remindOverdue(t.database.db, 'http://localhost')).toBe(1);
    expect(await listNotifications(t.database.db, { recipient: 'duoc.giao@example.vn' })).toHaveLength(3);
    expect(await listNotifications(t.database.db, { recipient: '0987000111' })).toHaveLength(1);
  });
});
