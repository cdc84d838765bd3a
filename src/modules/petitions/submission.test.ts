import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listNotifications } from '../../core/notifications/index.ts';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import {
  hasGpsPointer,
  jpegWithGps,
  multipartBody,
  pixelFloodPng,
  tinyPdf,
  validFields,
} from './petitions.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let ipSeq = 0;
const nextIp = () => `10.1.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

async function post(
  fields: Record<string, string>,
  files: Parameters<typeof multipartBody>[1] = [],
  url = '/api/petitions',
  headers: Record<string, string> = {},
) {
  const body = await multipartBody(fields, files);
  return t.app.inject({
    method: 'POST',
    url,
    ...body,
    headers: { ...body.headers, ...headers },
    remoteAddress: nextIp(),
  });
}

const count = async () =>
  Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM petition`.execute(t.database.db)).rows[0]!.n);

describe('submitting a case', () => {
  it('stores a valid case, answers a PA-XXXX-XXXX-XXXX code once and texts it to the sender', async () => {
    const fields = validFields();
    const res = await post(fields);
    expect(res.statusCode).toBe(201);
    const { code, id } = res.json();
    expect(code).toMatch(/^PA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    const { rows } = await sql<{
      code_hash: Buffer;
      status: string;
      unit_level: string;
    }>`SELECT code_hash, status, unit_level
      FROM petition WHERE id = ${id}`.execute(t.database.db);
    expect(rows[0]).toMatchObject({ status: 'received', unit_level: 'commune' });
    // Only the hash is stored, never the code.
    expect(JSON.stringify(rows[0])).not.toContain(code);
    const [sms] = await listNotifications(t.database.db, { recipient: fields.phone! });
    expect(sms?.body).toContain(code);
  });

  it('refuses every invalid field at once, localised, and stores nothing', async () => {
    const before = await count();
    const res = await post(
      {
        unit: '99999',
        category: 'nope',
        title: 'ngắn',
        content: 'quá ngắn',
        address: 'x'.repeat(301),
        latitude: '91',
        longitude: 'abc',
        name: 'A',
        phone: '0123456789',
        email: 'not-an-email',
      },
      [],
      '/api/petitions',
    );
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.requestId).toBeTruthy();
    const fields = Object.fromEntries(body.fields.map((f: { field: string; code: string }) => [f.field, f.code]));
    expect(fields).toEqual({
      unit: 'PETITION_UNIT_REQUIRED',
      category: 'PETITION_CATEGORY_INVALID',
      title: 'PETITION_TITLE_LENGTH',
      content: 'PETITION_CONTENT_LENGTH',
      address: 'PETITION_ADDRESS_TOO_LONG',
      location: 'PETITION_LOCATION_INVALID',
      name: 'PETITION_NAME_LENGTH',
      phone: 'PETITION_PHONE_INVALID',
      email: 'PETITION_EMAIL_INVALID',
      consent: 'PETITION_CONSENT_REQUIRED',
    });
    expect(body.fields.find((f: { field: string }) => f.field === 'phone').message).toContain('Số điện thoại');
    const en = await post({ ...validFields(), phone: '12345' }, [], '/api/petitions', { 'accept-language': 'en' });
    expect(en.json().fields[0].message).toContain('Vietnamese number');
    expect(await count()).toBe(before);
  });

  it('rejects each invalid field on its own (title and content too long, village as unit)', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ title: 'x'.repeat(201) }, 'title'],
      [{ content: 'x'.repeat(5001) }, 'content'],
      [{ unit: '' }, 'unit'],
      [{ unit: '000040001' }, 'unit'],
      [{ name: '<b>x</b>' }, 'name'],
      [{ consent: '' }, 'consent'],
      [{ phone: '+84 123 456 789' }, 'phone'],
      [{ latitude: '21.03' }, 'location'],
    ];
    for (const [over, field] of cases) {
      const res = await post(validFields(over));
      expect(res.statusCode, field).toBe(400);
      expect(
        res.json().fields.map((f: { field: string }) => f.field),
        JSON.stringify(over),
      ).toEqual([field]);
    }
  });

  it('accepts Vietnamese numbers in the forms people write them', async () => {
    for (const phone of ['0912 345 678', '+84 912.345.679', '84912345670', '0243 826 1234', '0386-123-456']) {
      const res = await post(validFields({ phone }));
      expect(res.statusCode, phone).toBe(201);
    }
  });

  it('re-encodes photos: EXIF GPS present before, absent after; PDFs kept', async () => {
    const photo = await jpegWithGps();
    expect(hasGpsPointer((await sharp(photo).metadata()).exif)).toBe(true);
    const res = await post(validFields({ photosPublic: 'on' }), [
      { filename: 'anh.jpg', content: photo, type: 'image/jpeg' },
      { filename: 'don.pdf', content: tinyPdf(), type: 'application/pdf' },
    ]);
    expect(res.statusCode).toBe(201);
    const { rows } = await sql<{ mime: string; bytes: Buffer }>`SELECT mime, bytes FROM petition_attachment
      WHERE petition_id = ${res.json().id} ORDER BY id`.execute(t.database.db);
    expect(rows.map((r) => r.mime)).toEqual(['image/jpeg', 'application/pdf']);
    const meta = await sharp(rows[0]!.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(rows[0]!.bytes.includes(Buffer.from('TestPhone'))).toBe(false);
    expect(meta.width).toBe(800);
  });

  it('refuses disguised and dangerous files and stores nothing', async () => {
    const before = await count();
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const bad: [string, Buffer | string, number][] = [
      ['trang.jpg', '<!doctype html><html><body><script>alert(1)</script></body></html>', 415],
      ['hinh.svg', svg, 415],
      ['hinh.png', svg, 415],
      ['lu.png', await pixelFloodPng(), 415],
      ['script.pdf', tinyPdf('/AA << /O << /S /JavaScript /JS (app.alert(1)) >> >>'), 415],
      ['hong.pdf', Buffer.from('%PDF-1.4\nnot really a pdf'), 415],
      ['virus.exe', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), 415],
      ['rong.jpg', Buffer.alloc(0), 415],
    ];
    for (const [filename, content, status] of bad) {
      const res = await post(validFields(), [{ filename, content, type: 'image/jpeg' }]);
      expect(res.statusCode, filename).toBe(status);
      expect(res.json().code, filename).toBe('PETITION_FILE_REFUSED');
    }
    expect(await count()).toBe(before);
  });

  it('refuses an oversized file (413) and a sixth file', async () => {
    const big = Buffer.concat([await jpegWithGps(), Buffer.alloc(5 * 1024 * 1024)]);
    const res = await post(validFields(), [{ filename: 'lon.jpg', content: big, type: 'image/jpeg' }]);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PETITION_FILE_TOO_LARGE');
    const photo = await jpegWithGps(40, 30);
    const six = Array.from({ length: 6 }, (_, i) => ({ filename: `a${i}.jpg`, content: photo, type: 'image/jpeg' }));
    const many = await post(validFields(), six);
    expect(many.statusCode).toBe(413);
    expect(many.json().code).toBe('PETITION_TOO_MANY_FILES');
  });

  it('refuses a filled honeypot with a message a person can act on', async () => {
    const res = await post(validFields({ website: 'http://spam.example' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('PETITION_HONEYPOT');
    expect(res.json().message).toContain('để trống');
  });

  it('limits submissions per phone per day and per address per hour', async () => {
    const phone = '0977000111';
    for (let i = 0; i < 5; i++) expect((await post(validFields({ phone }))).statusCode).toBe(201);
    const sixth = await post(validFields({ phone }));
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().code).toBe('PETITION_RATE_LIMITED');
    expect(sixth.json().message).toContain('số điện thoại');
    // The refused sixth left nothing behind: no case, no SMS, no audit entry beyond the five.
    const stored = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM petition WHERE sender_phone = ${phone}`.execute(t.database.db);
    expect(stored.rows[0]!.n).toBe(5);
    expect(await listNotifications(t.database.db, { recipient: phone })).toHaveLength(5);
    const audited = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log a JOIN petition p
      ON a.target_type = 'petition' AND a.target_id = p.id::text
      WHERE a.action = 'petitions.case.submit' AND p.sender_phone = ${phone}`.execute(t.database.db);
    expect(audited.rows[0]!.n).toBe(5);
    expect(
      (
        await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'petitions.case.submit'`.execute(t.database.db)
      ).rows[0]!.n,
    ).toBe((await sql<{ n: number }>`SELECT count(*)::int AS n FROM petition`.execute(t.database.db)).rows[0]!.n);

    const ip = '10.9.9.9';
    const send = async () => {
      const body = await multipartBody(validFields());
      return t.app.inject({ method: 'POST', url: '/api/petitions', ...body, remoteAddress: ip });
    };
    let last = 0;
    for (let i = 0; i < 21; i++) last = (await send()).statusCode;
    expect(last).toBe(429);
  });

  it('lets no more than the limit through when one phone submits many cases at the same moment', async () => {
    const phone = '0977000222';
    const bodies = await Promise.all(Array.from({ length: 8 }, () => multipartBody(validFields({ phone }))));
    // All eight in flight together (on the server database each on its own connection, racing for the phone's slot).
    const answers = await Promise.all(
      bodies.map((body) => t.app.inject({ method: 'POST', url: '/api/petitions', ...body, remoteAddress: nextIp() })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    const stored = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM petition WHERE sender_phone = ${phone}`.execute(t.database.db);
    expect(stored.rows[0]!.n).toBe(5);
    expect(await listNotifications(t.database.db, { recipient: phone })).toHaveLength(5);
  });
});

describe('the public form without JavaScript', () => {
  it('answers too many attempts from one address with the form and the reason, in HTML', async () => {
    let res = await t.app.inject({
      method: 'POST',
      url: '/phan-anh/gui',
      payload: 'x=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: '10.8.8.8',
    });
    for (let i = 0; i < 25 && res.statusCode !== 429; i++)
      res = await t.app.inject({
        method: 'POST',
        url: '/phan-anh/gui',
        payload: 'x=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        remoteAddress: '10.8.8.8',
      });
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Bạn gửi quá nhiều yêu cầu');
  });

  it('finds a commune typed without tone marks and shows the form for it', async () => {
    const search = await t.app.inject({ method: 'GET', url: '/phan-anh/gui?q=ba%20dinh' });
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('href="/phan-anh/gui?don-vi=00004"');
    const form = await t.app.inject({ method: 'GET', url: '/phan-anh/gui?don-vi=00004' });
    expect(form.body).toContain('Phường Ba Đình');
    expect(form.body).toMatch(/enctype="multipart\/form-data"/i);
    expect(form.body).toContain('Từ 10 đến 200 ký tự');
    expect(form.body).toContain('Luật Bảo vệ dữ liệu cá nhân');
    expect(form.body).toContain('Rác thải, nước thải');
    expect(form.body).not.toMatch(/\sstyle=|<style/);
  });

  it('re-renders with messages beside the fields and keeps what was typed', async () => {
    const body = await multipartBody(validFields({ phone: '123', title: 'Tiêu đề đủ dài để hợp lệ' }));
    const res = await t.app.inject({ method: 'POST', url: '/phan-anh/gui', ...body, remoteAddress: nextIp() });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Số điện thoại không đúng dạng số Việt Nam');
    expect(res.body).toContain('Tiêu đề đủ dài để hợp lệ');
  });

  it('shows the code after a valid submission and the case on the tracking page', async () => {
    const body = await multipartBody(validFields());
    const res = await t.app.inject({ method: 'POST', url: '/phan-anh/gui', ...body, remoteAddress: nextIp() });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const code = /data-testid="tracking-code">(PA-[A-Z0-9-]+)</.exec(res.body)?.[1];
    expect(code).toBeTruthy();
    const track = await t.app.inject({
      method: 'GET',
      url: `/phan-anh/tra-cuu?ma=${code!.toLowerCase().replace(/-/g, ' ')}`,
      remoteAddress: nextIp(),
    });
    expect(track.statusCode).toBe(200);
    expect(track.body).toContain('Đã tiếp nhận');
    expect(track.body).toContain('Rác thải tập kết sai nơi');
  });
});
