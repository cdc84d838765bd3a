import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { testDbKind } from '../../core/testing/database.ts';
import { handlerAt, signIn, submitCase } from './petitions.test-helpers.ts';

let t: TestApp;
let baDinh: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp({}, undefined);
  baDinh = await signIn(t, handlerAt('00004', '01'));
});
afterAll(() => t.close());

const act = (id: number, body: object) =>
  t.app.inject({ method: 'POST', url: `/api/petitions/${id}/actions`, payload: body, headers: baDinh });
const page = (id: number) => t.app.inject({ method: 'GET', url: `/phan-anh/vu-viec/${id}`, remoteAddress: '10.4.0.1' });

/** A case answered (set directly: the handling path is tested elsewhere) and published through the staff API. */
async function answeredCase(): Promise<number> {
  const { id } = await submitCase(t);
  await sql`UPDATE petition SET status = 'answered', answer_text = 'Đã xử lý xong theo quy định.', answered_at = now(),
    answered_by = 'Ủy ban nhân dân phường' WHERE id = ${id}`.execute(t.database.db);
  return id;
}

const publish = (id: number, title: string) =>
  act(id, { action: 'publish', title, content: 'Nội dung công khai đã được biên tập.', answer: 'Đã xử lý.' });

/** The page once it shows `text`: on a server the change notice travels over its own connection. */
async function pageShowing(id: number, text: string) {
  return vi.waitFor(
    async () => {
      const res = await page(id);
      expect(res.body).toContain(text);
      return res;
    },
    { timeout: 5_000, interval: 20 },
  );
}

/**
 * Lets the notices of the changes just made arrive (on a server they come over a connection of their own): a page
 * rendered while a notice arrives is not kept.
 */
const noticesArrived = () => new Promise((r) => setTimeout(r, 300));

/** A change that neither fires the triggers (no notice) nor, unless asked, moves the counter. */
async function silently(id: number, title: string, bumpCounter = false) {
  await sql`ALTER TABLE petition DISABLE TRIGGER petition_public_generation_update`.execute(t.database.db);
  await sql`UPDATE petition SET public_title = ${title} WHERE id = ${id}`.execute(t.database.db);
  await sql`ALTER TABLE petition ENABLE TRIGGER petition_public_generation_update`.execute(t.database.db);
  if (bumpCounter) await sql`UPDATE petition_public_generation SET n = n + 1`.execute(t.database.db);
}

describe('kept public case pages', () => {
  it('are rendered once and never outlive a change to the case, made here or by another instance', async () => {
    const id = await answeredCase();
    expect((await publish(id, 'Tiêu đề công khai thứ nhất')).statusCode).toBe(200);
    await noticesArrived();
    const first = await pageShowing(id, 'Tiêu đề công khai thứ nhất');
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=120');

    // Kept: a change that sends no notice (trigger off) is not seen, even when the counter moves — while the
    // notices are heard, no request reads the counter…
    await silently(id, 'Sửa ngầm không qua bộ đếm', true);
    const kept = await page(id);
    expect(kept.body).toBe(first.body);

    // …but any real change is: staff editing the public texts…
    expect((await publish(id, 'Tiêu đề công khai thứ hai')).statusCode).toBe(200);
    await pageShowing(id, 'Tiêu đề công khai thứ hai');

    // …a change written by another instance (only the database is shared)…
    await sql`UPDATE petition SET public_title = 'Tiêu đề do máy chủ khác sửa' WHERE id = ${id}`.execute(t.database.db);
    const other = await pageShowing(id, 'Tiêu đề do máy chủ khác sửa');
    expect(other.body).not.toContain('Tiêu đề công khai thứ hai');

    // …and unpublishing.
    expect((await act(id, { action: 'unpublish' })).statusCode).toBe(200);
    await vi.waitFor(async () => expect((await page(id)).statusCode).toBe(404), { timeout: 5_000, interval: 20 });
  });

  it('re-render only the case that changed', async () => {
    const a = await answeredCase();
    const b = await answeredCase();
    expect((await publish(a, 'Trang A trước')).statusCode).toBe(200);
    expect((await publish(b, 'Trang B trước')).statusCode).toBe(200);
    await noticesArrived();
    const keptA = await pageShowing(a, 'Trang A trước');
    await pageShowing(b, 'Trang B trước');
    // A changes without a notice; B changes for real: B is rendered again, A's kept page stays (under one change
    // counter for all cases, B's change would have re-rendered A too).
    await silently(a, 'Trang A sửa ngầm');
    await sql`UPDATE petition SET public_title = 'Trang B sau' WHERE id = ${b}`.execute(t.database.db);
    await pageShowing(b, 'Trang B sau');
    expect((await page(a)).body).toBe(keptA.body);
  });

  it.runIf(testDbKind() === 'server')('read the counters while the notices cannot be heard', async () => {
    const id = await answeredCase();
    expect((await publish(id, 'Trước khi mất kết nối')).statusCode).toBe(200);
    await noticesArrived();
    await pageShowing(id, 'Trước khi mất kết nối');
    // The connection that listens is cut (a restart of the server, a network fault): until it is back, a change
    // that only moved the counter is seen all the same.
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE application_name = 'mat-tran-so-listen' AND datname = current_database()`.execute(t.database.db);
    await silently(id, 'Đã sửa khi không nghe được', true);
    // Seen before the listener comes back (it waits a second before reconnecting): the counter was read.
    await vi.waitFor(async () => expect((await page(id)).body).toContain('Đã sửa khi không nghe được'), {
      timeout: 800,
      interval: 10,
    });
    // Listening again (after a second), with nothing kept from before.
    await vi.waitFor(
      async () => {
        const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE application_name = 'mat-tran-so-listen' AND datname = current_database()`.execute(t.database.db);
        expect(rows[0]!.n).toBe(1);
      },
      { timeout: 5_000, interval: 50 },
    );
    await sql`UPDATE petition SET public_title = 'Nghe lại được' WHERE id = ${id}`.execute(t.database.db);
    await pageShowing(id, 'Nghe lại được');
  });

  it('keep one copy per language and render addresses with a query each time', async () => {
    const id = await answeredCase();
    expect((await publish(id, 'Trang theo ngôn ngữ')).statusCode).toBe(200);
    const vi = await page(id);
    const en = await t.app.inject({
      method: 'GET',
      url: `/phan-anh/vu-viec/${id}`,
      headers: { 'accept-language': 'en' },
      remoteAddress: '10.4.0.2',
    });
    expect(vi.headers['content-language']).toBe('vi');
    expect(en.headers['content-language']).toBe('en');
    expect(en.body).not.toBe(vi.body);
    const chosen = await t.app.inject({ method: 'GET', url: `/phan-anh/vu-viec/${id}?lang=en` });
    expect(chosen.headers['set-cookie']).toContain('lang=en');
    expect(chosen.headers['content-language']).toBe('en');
  });
});
