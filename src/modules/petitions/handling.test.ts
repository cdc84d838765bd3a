import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../core/audit.ts';
import { listNotifications } from '../../core/notifications/index.ts';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { remindOverdue } from './overdue.ts';
import {
  authorityAt,
  handlerAt,
  jpegWithGps,
  linkAccountAs,
  provinceHandler,
  seededAuthority,
  signIn,
  staffAccount,
  submitCase,
  tinyPdf,
} from './petitions.test-helpers.ts';
import { canTransition, STATUSES, TRANSITIONS } from './state-machine.ts';

let t: TestApp;
let baDinh: Record<string, string>;
let hoanKiem: Record<string, string>;
let hanoi: Record<string, string>;
let ubnd: Record<string, string>;
let otherAuthority: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  baDinh = await signIn(t, handlerAt('00004', '01'));
  hoanKiem = await signIn(t, handlerAt('00070', '01'));
  hanoi = await signIn(t, provinceHandler('01'));
  // Authorities answer through accounts linked to their directory entry.
  const ubndAccount = await staffAccount(t, authorityAt('00004', '01'));
  ubnd = ubndAccount.headers;
  expect((await linkAccountAs(t, baDinh, await seededAuthority(t, '00004'), ubndAccount.id)).statusCode).toBe(204);
  const otherAccount = await staffAccount(t, authorityAt('00070', '01'));
  otherAuthority = otherAccount.headers;
  expect((await linkAccountAs(t, hoanKiem, await seededAuthority(t, '00070'), otherAccount.id)).statusCode).toBe(204);
});
afterAll(() => t.close());

const act = (id: number, body: object, headers: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: `/api/petitions/${id}/actions`, payload: body, headers });
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

async function authorityId(unit: string, prefix = 'Ủy ban nhân dân'): Promise<number> {
  const res = await get(`/api/petitions/authorities?unit=${unit}`, baDinh);
  const items = res.json().items as { id: number; name: string; unitCode: string }[];
  return items.find((a) => a.name.startsWith(prefix) && a.unitCode === unit)!.id;
}

describe('the state machine', () => {
  it('allows exactly the listed arrows', () => {
    const allowed = new Set(Object.entries(TRANSITIONS).flatMap(([f, tos]) => tos.map((to) => `${f}>${to}`)));
    expect([...allowed].sort()).toEqual(
      [
        'received>accepted',
        'received>rejected',
        'received>transferred',
        'transferred>accepted',
        'transferred>rejected',
        'transferred>transferred',
        'accepted>forwarded',
        'accepted>rejected',
        'accepted>transferred',
        'forwarded>in_progress',
        'forwarded>answered',
        'forwarded>transferred',
        'in_progress>answered',
        'in_progress>transferred',
        'answered>closed',
        'answered>reopened',
        'reopened>forwarded',
        'reopened>in_progress',
        'reopened>answered',
        'reopened>transferred',
      ].sort(),
    );
    for (const from of STATUSES)
      for (const to of STATUSES) expect(canTransition(from, to)).toBe(allowed.has(`${from}>${to}`));
  });

  it('refuses an arrow that is not allowed, with 409 and nothing changed', async () => {
    const { id } = await submitCase(t);
    const bad = await act(id, { action: 'close' }, baDinh);
    expect(bad.statusCode).toBe(409);
    expect(bad.json().code).toBe('PETITION_TRANSITION_NOT_ALLOWED');
    expect(bad.json().message).toContain('Đã tiếp nhận');
    const fwd = await act(id, { action: 'forward', authorityId: await authorityId('00004') }, baDinh);
    expect(fwd.statusCode).toBe(409);
    const state = await get(`/api/petitions/${id}`, baDinh);
    expect(state.json().status).toBe('received');
  });
});

describe('scope', () => {
  it('hides a neighbour commune’s cases (404) and lists only one’s own', async () => {
    const { id } = await submitCase(t, { unit: '00004', title: 'Đèn đường hỏng ở tổ dân phố số 3' });
    expect((await get(`/api/petitions/${id}`, hoanKiem)).statusCode).toBe(404);
    expect((await act(id, { action: 'accept' }, hoanKiem)).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/petitions/${id}/contact`, headers: hoanKiem })).statusCode,
    ).toBe(404);
    const page = await get(`/quan-tri/phan-anh/${id}`, hoanKiem);
    expect(page.statusCode).toBe(404);
    const theirs = await get('/api/petitions/inbox?pageSize=100', hoanKiem);
    expect(theirs.json().items.map((i: { id: number }) => i.id)).not.toContain(id);
    const mine = await get('/api/petitions/inbox?pageSize=100', baDinh);
    expect(mine.json().items.map((i: { id: number }) => i.id)).toContain(id);
    // The province sees its communes' cases; anonymous callers are asked to sign in.
    expect((await get(`/api/petitions/${id}`, hanoi)).statusCode).toBe(200);
    expect((await get(`/api/petitions/${id}`)).statusCode).toBe(401);
    // Another organisation of the same commune does not handle the Front's cases.
    const youth = await signIn(t, handlerAt('00004', '01', { orgType: 'youth_union' }));
    expect((await act(id, { action: 'accept' }, youth)).statusCode).toBe(404);
  });

  it('filters the inbox by status, category, unit and overdue, with paging', async () => {
    const a = await submitCase(t, { category: 'y_te', title: 'Trạm y tế phường đóng cửa giờ hành chính' });
    await act(a.id, { action: 'accept' }, baDinh);
    const byStatus = (await get('/api/petitions/inbox?status=accepted&category=y_te', baDinh)).json();
    expect(byStatus.items.map((i: { id: number }) => i.id)).toContain(a.id);
    expect(
      byStatus.items.every(
        (i: { status: string; category: string }) => i.status === 'accepted' && i.category === 'y_te',
      ),
    ).toBe(true);
    const page1 = (await get('/api/petitions/inbox?pageSize=2&page=1', baDinh)).json();
    const page2 = (await get('/api/petitions/inbox?pageSize=2&page=2', baDinh)).json();
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0].id).not.toBe(page2.items[0]?.id);
    const byUnit = (await get('/api/petitions/inbox?unit=00070', hanoi)).json();
    expect(byUnit.items.every((i: { unitCode: string }) => i.unitCode === '00070')).toBe(true);
    const bad = await get('/api/petitions/inbox?status=nope', baDinh);
    expect(bad.statusCode).toBe(400);
  });
});

describe('a case from receipt to publication', () => {
  it('walks received → accepted → forwarded → being handled → answered → closed, audited and notified', async () => {
    const photo = await jpegWithGps(320, 240);
    const { id, code } = await submitCase(
      t,
      { photosPublic: 'on', hideName: 'on', name: 'Trần Thị Bí Mật', email: 'bimat@example.vn', phone: '0912000111' },
      [{ filename: 'anh.jpg', content: photo, type: 'image/jpeg' }],
    );
    expect((await act(id, { action: 'assign' }, baDinh)).json().assignedName).toBe('Cán bộ 00004');
    expect((await act(id, { action: 'note', text: 'Đã gọi điện xác minh.' }, baDinh)).statusCode).toBe(200);
    expect(
      (await act(id, { action: 'classify', category: 'moi_truong', field: 'Rác thải' }, baDinh)).json()
        .categoryConfirmed,
    ).toBe(true);
    expect((await act(id, { action: 'accept' }, baDinh)).json().status).toBe('accepted');
    // The authority cannot answer before it receives the case.
    expect((await act(id, { action: 'answer', text: 'Trả lời sớm' }, ubnd)).statusCode).toBe(404);
    const fwd = await act(id, { action: 'forward', authorityId: await authorityId('00004') }, baDinh);
    expect(fwd.json().status).toBe('forwarded');
    expect(fwd.json().dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Only the authority it went to sees it in its inbox; a neighbour's authority gets 404.
    expect((await get('/api/petitions/inbox', ubnd)).json().items.map((i: { id: number }) => i.id)).toContain(id);
    expect((await get(`/api/petitions/${id}`, otherAuthority)).statusCode).toBe(404);
    // An authority cannot do the Front's work.
    expect((await act(id, { action: 'publish', title: '', content: '', answer: '' }, ubnd)).statusCode).toBe(404);
    expect((await act(id, { action: 'start' }, ubnd)).json().status).toBe('in_progress');
    const answered = await act(
      id,
      { action: 'answer', text: 'UBND phường đã bố trí xe thu gom rác hằng ngày. Liên hệ 0912000111.' },
      ubnd,
    );
    expect(answered.json().status).toBe('answered');

    const sms = await listNotifications(t.database.db, { recipient: '0912000111' });
    expect(sms.map((n) => n.template)).toEqual(expect.arrayContaining(['petitions.received', 'petitions.status']));
    expect(sms.some((n) => n.body.includes('Đã trả lời'))).toBe(true);

    // Publishing masks contact details whatever the reviewer left, and the hidden name.
    const pub = await act(
      id,
      {
        action: 'publish',
        title: '',
        content: 'Trần Thị Bí Mật phản ánh rác ở ngõ 12, gọi 0912 000 111 hoặc bimat@example.vn',
        answer: '',
        showPhotos: true,
      },
      baDinh,
    );
    expect(pub.statusCode).toBe(200);
    const page = await get(`/phan-anh/vu-viec/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('0912000111');
    expect(page.body).not.toContain('0912 000 111');
    expect(page.body).not.toContain('bimat@example.vn');
    expect(page.body).not.toContain('Bí Mật');
    expect(page.body).toContain('[đã ẩn]');
    expect(page.body).toContain('<link rel="canonical"');
    const img = /src="(\/phan-anh\/vu-viec\/\d+\/anh\/\d+)"/.exec(page.body)?.[1];
    expect(img).toBeTruthy();
    expect((await get(img!)).headers['content-type']).toBe('image/jpeg');

    // The citizen rates it with the code: resolved closes it.
    const rate = await t.app.inject({
      method: 'POST',
      url: '/phan-anh/tra-cuu/danh-gia',
      payload: new URLSearchParams({ ma: code, rating: '5', resolved: 'yes', comment: 'Cảm ơn' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(rate.statusCode).toBe(200);
    expect((await get(`/api/petitions/${id}`, baDinh)).json().status).toBe('closed');

    const audit = await listAudit(t.database.db, { pathPrefix: 'vn.01.00004', limit: 200 });
    const actions = audit.filter((a) => a.targetId === String(id)).map((a) => a.action);
    for (const a of ['submit', 'assign', 'note', 'classify', 'accept', 'forward', 'start', 'answer', 'publish', 'rate'])
      expect(actions, a).toContain(`petitions.case.${a}`);
    expect(JSON.stringify(audit)).not.toContain('0912000111');
  });

  it('lets an unsatisfied citizen reopen once, then never again', async () => {
    const { id, code } = await submitCase(t);
    await act(id, { action: 'accept' }, baDinh);
    await act(id, { action: 'forward', authorityId: await authorityId('00004') }, baDinh);
    await act(id, { action: 'answer', text: 'Đã xử lý.' }, ubnd);
    const form = (f: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/phan-anh/tra-cuu/danh-gia',
        payload: new URLSearchParams({ ma: code, ...f }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    expect((await form({ rating: '1', resolved: 'no' })).statusCode).toBe(200);
    expect((await form({ rating: '2', resolved: 'no' })).statusCode).toBe(409);
    expect((await form({ action: 'reopen', reason: 'Rác vẫn còn' })).statusCode).toBe(200);
    expect((await get(`/api/petitions/${id}`, baDinh)).json().status).toBe('reopened');
    await act(id, { action: 'forward', authorityId: await authorityId('00004') }, baDinh);
    await act(id, { action: 'answer', text: 'Đã xử lý lần hai.' }, ubnd);
    expect((await form({ rating: '1', resolved: 'no' })).statusCode).toBe(200);
    const again = await form({ action: 'reopen', reason: 'Vẫn chưa' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('đã được mở lại một lần');
  });

  it('records a paper answer with its scan; refuses without it', async () => {
    const { id } = await submitCase(t);
    await act(id, { action: 'accept' }, baDinh);
    await act(id, { action: 'forward', authorityId: await authorityId('00004') }, baDinh);
    expect((await act(id, { action: 'answer', text: 'Văn bản số 12', paper: true }, baDinh)).statusCode).toBe(400);
    const form = new FormData();
    form.append('action', 'answer');
    form.append('paper', 'on');
    form.append('text', 'Văn bản số 12/UBND ngày 20/11/2026');
    form.append('file', new Blob([new Uint8Array(tinyPdf())], { type: 'application/pdf' }), 'van-ban.pdf');
    const r = new Response(form);
    const res = await t.app.inject({
      method: 'POST',
      url: `/quan-tri/phan-anh/${id}/thao-tac`,
      payload: Buffer.from(await r.arrayBuffer()),
      headers: { ...baDinh, 'content-type': r.headers.get('content-type')! },
    });
    expect(res.statusCode).toBe(303);
    const c = (await get(`/api/petitions/${id}`, baDinh)).json();
    expect(c).toMatchObject({ status: 'answered', answeredOnPaper: true });
    expect(
      c.files.some((f: { kind: string; mime: string }) => f.kind === 'answer' && f.mime === 'application/pdf'),
    ).toBe(true);
  });

  it('rejects with a reason the citizen is told, and links a duplicate to its original', async () => {
    const original = await submitCase(t, {
      title: 'Cống thoát nước tắc gây ngập phố Liễu Giai',
      content: 'Mỗi khi mưa lớn cống thoát nước ở phố Liễu Giai bị tắc, nước ngập sâu gây khó khăn đi lại.',
    });
    const copy = await submitCase(t, {
      title: 'Cống thoát nước tắc gây ngập phố Liễu Giai',
      content: 'Mỗi lần mưa lớn cống thoát nước phố Liễu Giai bị tắc, nước ngập sâu, đi lại rất khó khăn.',
    });
    const s = (await get(`/api/petitions/${copy.id}/suggestions`, baDinh)).json();
    expect(s.duplicates[0].id).toBe(original.id);
    expect(s.duplicates[0].similarity).toBeGreaterThan(0.5);
    const rej = await act(copy.id, { action: 'reject', reason: 'duplicate', duplicateOf: original.id }, baDinh);
    expect(rej.json()).toMatchObject({ status: 'rejected', rejectReason: 'duplicate', duplicateOf: original.id });
    const track = await get(`/phan-anh/tra-cuu?ma=${copy.code}`);
    expect(track.body).toContain('Trùng lặp');
    // Out-of-scope original for a duplicate is refused.
    const other = await submitCase(t, { unit: '00070' });
    const bad = await act(original.id, { action: 'reject', reason: 'duplicate', duplicateOf: other.id }, baDinh);
    expect(bad.statusCode).toBe(400);
  });

  it('transfers to the right level and escalates to the level above', async () => {
    const { id } = await submitCase(t);
    const tr = await act(id, { action: 'transfer', unitCode: '00070' }, baDinh);
    expect(tr.json()).toMatchObject({ status: 'transferred', unitCode: '00070' });
    // Now it belongs to Hoàn Kiếm: Ba Đình no longer sees it.
    expect((await get(`/api/petitions/${id}`, baDinh)).statusCode).toBe(404);
    const esc = await act(id, { action: 'escalate' }, hoanKiem);
    expect(esc.json()).toMatchObject({ status: 'transferred', unitCode: '01', unitLevel: 'province' });
    expect((await act(id, { action: 'transfer', unitCode: '000040001' }, hanoi)).statusCode).toBe(400);
  });
});

describe('contact details and overdue reminders', () => {
  it('shows contact details only on request, and audits who saw them', async () => {
    const { id } = await submitCase(t, { phone: '0988777666' });
    const page = await get(`/quan-tri/phan-anh/${id}`, baDinh);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('0988777666');
    const shown = await t.app.inject({ method: 'POST', url: `/quan-tri/phan-anh/${id}/lien-he`, headers: baDinh });
    expect(shown.body).toContain('0988777666');
    const audit = await listAudit(t.database.db, {
      pathPrefix: 'vn.01.00004',
      action: 'petitions.contact.view',
      limit: 10,
    });
    expect(audit.find((a) => a.targetId === String(id))?.actorName).toBe('Cán bộ 00004');
  });

  it('flags overdue cases and reminds their authority once a day through the outbox', async () => {
    const { id } = await submitCase(t);
    await act(id, { action: 'accept' }, baDinh);
    const auth = await authorityId('00004', 'Công an');
    await sql`UPDATE petition_authority SET email = 'congan.badinh@example.vn' WHERE id = ${auth}`.execute(
      t.database.db,
    );
    await act(id, { action: 'forward', authorityId: auth }, baDinh);
    await sql`UPDATE petition SET due_date = '2026-01-05' WHERE id = ${id}`.execute(t.database.db);
    const n = await remindOverdue(t.database.db, 'http://localhost');
    expect(n).toBeGreaterThanOrEqual(1);
    expect(await remindOverdue(t.database.db, 'http://localhost')).toBe(0);
    const mail = await listNotifications(t.database.db, {
      recipient: 'congan.badinh@example.vn',
      template: 'petitions.overdue',
    });
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toContain(String(id));
    const overdue = (await get('/api/petitions/inbox?overdue=true', baDinh)).json();
    expect(overdue.items.find((i: { id: number }) => i.id === id)?.overdue).toBe(true);
  });
});
