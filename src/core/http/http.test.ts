import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ bodyLimit: 2048 });
});
afterAll(() => t.close());

describe('the error envelope', () => {
  it('answers an unknown route with 404 { code, message, requestId } in Vietnamese', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/khong-co' });
    expect(res.statusCode).toBe(404);
    const body = res.json();
    expect(body).toEqual({
      code: 'ROUTE_NOT_FOUND',
      message: 'Không tìm thấy đường dẫn GET /khong-co.',
      requestId: res.headers['x-request-id'],
    });
  });

  it('follows Accept-Language for English', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/nope', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(res.json().message).toBe('There is no route GET /nope.');
  });

  it('prefers Vietnamese when it has the higher quality', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/nope', headers: { 'accept-language': 'en;q=0.5,vi' } });
    expect(res.json().message).toMatch(/^Không tìm thấy/);
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/healthz' });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toContain('GET');
    expect(res.json().code).toBe('METHOD_NOT_ALLOWED');
  });

  it('refuses malformed JSON with 400 and no stack trace', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"a": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('MALFORMED_JSON');
    expect(res.body).not.toMatch(/at .*\.(js|ts):\d+/);
    expect(res.body).not.toContain('stack');
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'x'.repeat(5000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('2 KB') });
  });

  it('refuses an unsupported content type with 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/echo',
      headers: { 'content-type': 'application/x-unknown' },
      payload: 'abc',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('keeps a well-formed caller request id and generates one otherwise', async () => {
    const given = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-12345678' } });
    expect(given.headers['x-request-id']).toBe('abc-12345678');
    const bad = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': '<script>' } });
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('platform endpoints', () => {
  it('reports alive and ready', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('sends a strict Content-Security-Policy and other security headers', async () => {
    const res = await t.app.inject('/healthz');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
  });

  it('serves an OpenAPI 3.1 document and a docs page', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Mặt trận số API');
    const page = await t.app.inject('/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('exposes Prometheus metrics', async () => {
    await t.app.inject('/healthz');
    const res = await t.app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('http_request_duration_seconds_bucket');
    expect(res.body).toContain('process_cpu_user_seconds_total');
  });
});

describe('the default rate limit on public routes', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ rateLimitPublic: 3 });
  });
  afterAll(() => limited.close());

  it('answers 429 in the envelope past the limit, and never limits health probes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await limited.app.inject('/api/openapi.json')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const res = await limited.app.inject({ url: '/api/openapi.json', headers: { 'accept-language': 'en' } });
    expect(res.json()).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/^Too many requests/) });
    expect(res.headers['retry-after']).toBeDefined();
    for (let i = 0; i < 5; i++) expect((await limited.app.inject('/healthz')).statusCode).toBe(200);
  });
});
