import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../testing/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({}, (app: FastifyInstance) => {
    app.withTypeProvider<ZodTypeProvider>().post(
      '/api/validated',
      {
        schema: {
          hide: true,
          body: z.object({
            role: z.enum(['admin', 'viewer']),
            count: z.number().int().min(1),
            password: z.string().min(12, 'Mật khẩu cần ít nhất 12 ký tự.'),
          }),
        },
      },
      async () => ({ ok: true }),
    );
  });
});
afterAll(() => t.close());

const post = (payload: unknown, lang?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/validated',
    payload: payload as Record<string, unknown>,
    headers: lang ? { 'accept-language': lang } : {},
  });

describe('schema validation messages', () => {
  it('names every bad field with a message in Vietnamese by default', async () => {
    const res = await post({ role: 'chief', count: 0, password: 'ngan' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Dữ liệu gửi lên không hợp lệ.' });
    const byField = Object.fromEntries(
      (body.fields as { field: string; message: string }[]).map((f) => [f.field, f.message]),
    );
    expect(Object.keys(byField).sort()).toEqual(['body.count', 'body.password', 'body.role']);
    expect(byField['body.role']).toMatch(/^Tùy chọn không hợp lệ/);
    expect(byField['body.role']).toContain('"admin"');
    expect(byField['body.count']).toMatch(/quá nhỏ/i);
    for (const m of Object.values(byField)) expect(m).not.toMatch(/Invalid|Too small|expected/);
  });

  it('keeps a message written in the schema and speaks English when asked', async () => {
    const vi = await post({ role: 'admin', count: 1, password: 'ngan' });
    expect(vi.json().fields).toEqual([
      { field: 'body.password', code: 'INVALID_VALUE', message: 'Mật khẩu cần ít nhất 12 ký tự.' },
    ]);
    const en = await post({ role: 'chief', count: 1, password: 'đủ dài mười hai ký tự' }, 'en');
    expect(en.json().fields[0].message).toMatch(/^Invalid option/);
  });
});
