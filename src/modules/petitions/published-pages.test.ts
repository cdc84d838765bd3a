import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
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

describe('kept public case pages', () => {
  it('are rendered once and never outlive a change to the case, made here or by another instance', async () => {
    const id = await answeredCase();
    expect((await publish(id, 'Tiêu đề công khai thứ nhất')).statusCode).toBe(200);
    const first = await page(id);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Tiêu đề công khai thứ nhất');
    expect(first.headers['cache-control']).toBe('public, max-age=120');

    // Kept: a change that does not move the counter (trigger off) is not seen…
    await sql`ALTER TABLE petition DISABLE TRIGGER petition_public_generation_update`.execute(t.database.db);
    await sql`UPDATE petition SET public_title = 'Sửa ngầm không qua bộ đếm' WHERE id = ${id}`.execute(t.database.db);
    await sql`ALTER TABLE petition ENABLE TRIGGER petition_public_generation_update`.execute(t.database.db);
    const kept = await page(id);
    expect(kept.body).toBe(first.body);

    // …but any real change is: staff editing the public texts…
    expect((await publish(id, 'Tiêu đề công khai thứ hai')).statusCode).toBe(200);
    expect((await page(id)).body).toContain('Tiêu đề công khai thứ hai');

    // …a change written by another instance (only the database is shared)…
    await sql`UPDATE petition SET public_title = 'Tiêu đề do máy chủ khác sửa' WHERE id = ${id}`.execute(t.database.db);
    const other = await page(id);
    expect(other.body).toContain('Tiêu đề do máy chủ khác sửa');
    expect(other.body).not.toContain('Tiêu đề công khai thứ hai');

    // …and unpublishing.
    expect((await act(id, { action: 'unpublish' })).statusCode).toBe(200);
    expect((await page(id)).statusCode).toBe(404);
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
