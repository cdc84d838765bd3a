import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { unitsDb } from './units.db.ts';
import { centralAdmin, communeFront, multipartFile, signIn, xlsxOf } from './units.test-helpers.ts';

// Phường Ba Đình (00004) and Phường Ngọc Hà (00008) in Hà Nội (01).
const BA_DINH = '00004';
const NGOC_HA = '00008';
let t: TestApp;
let cadre: Awaited<ReturnType<typeof signIn>>;
beforeAll(async () => {
  t = await createTestApp();
  cadre = await signIn(t, communeFront(BA_DINH, '01'));
});
afterAll(() => t.close());

async function snapshot() {
  const { rows } = await sql<{ units: number; versions: number; orgs: number }>`SELECT
    (SELECT count(*)::int FROM unit) AS units, (SELECT count(*)::int FROM unit_version) AS versions,
    (SELECT count(*)::int FROM organisation) AS orgs`.execute(unitsDb(t.database.db));
  return rows[0]!;
}

async function importFile(commune: string, content: Buffer | string, filename: string, headers = cadre, lang = 'vi') {
  const body = await multipartFile(content, filename);
  return t.app.inject({
    method: 'POST',
    url: `/api/units/${commune}/villages/import`,
    headers: { ...headers, ...body.headers, 'accept-language': lang },
    payload: body.payload,
  });
}

const HEADER = ['Tên thôn/tổ dân phố', 'Loại', 'Mã xã', 'Thứ tự'];

describe('creating villages one by one', () => {
  it('creates a village with its Front Working Committee and four branches, no Trade Union', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/units/${BA_DINH}/villages`,
      headers: cadre,
      payload: { name: '  Tổ   dân phố  Số 1 ', type: 'tổ dân phố' },
    });
    expect(res.statusCode).toBe(201);
    const v = res.json();
    expect(v).toMatchObject({ level: 'village', name: 'Số 1', fullName: 'Tổ dân phố Số 1', parentCode: BA_DINH });
    expect(v.path).toMatch(/^vn\.01\.00004\.\d{4}$/);
    expect(v.code).toMatch(/^00004\d{4}$/);
    const orgs = await t.app.inject({ method: 'GET', url: `/api/units/${v.code}/organisations`, headers: cadre });
    const items = orgs.json().items;
    expect(items.filter((o: { organised: boolean }) => o.organised).map((o: { name: string }) => o.name)).toEqual([
      'Ban Công tác Mặt trận tổ dân phố Số 1',
      'Chi đoàn tổ dân phố Số 1',
      'Chi hội Phụ nữ tổ dân phố Số 1',
      'Chi hội Nông dân tổ dân phố Số 1',
      'Chi hội Cựu chiến binh tổ dân phố Số 1',
    ]);
    expect(items.find((o: { orgType: string }) => o.orgType === 'trade_union')).toMatchObject({
      organised: false,
      note: 'Không tổ chức ở cấp thôn',
    });
  });

  it('refuses a duplicate that differs only in case and tone marks', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/units/${BA_DINH}/villages`,
      headers: cadre,
      payload: { name: 'so 1', type: 'tổ dân phố' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('VILLAGE_NAME_DUPLICATE');
  });

  it('renames, reorders and dissolves (kept in history)', async () => {
    const a = (
      await t.app.inject({
        method: 'POST',
        url: `/api/units/${BA_DINH}/villages`,
        headers: cadre,
        payload: { name: 'Tổ dân phố 2', type: 'tổ dân phố' },
      })
    ).json();
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/units/villages/${a.code}`,
      headers: cadre,
      payload: { name: 'Hai' },
    });
    expect(renamed.json().fullName).toBe('Tổ dân phố Hai');
    const list = (await t.app.inject({ method: 'GET', url: `/api/units/${BA_DINH}/children`, headers: cadre })).json();
    const codes = list.items.map((u: { code: string }) => u.code).reverse();
    const order = await t.app.inject({
      method: 'PUT',
      url: `/api/units/${BA_DINH}/villages/order`,
      headers: cadre,
      payload: { codes },
    });
    expect(order.statusCode).toBe(204);
    const after = (await t.app.inject({ method: 'GET', url: `/api/units/${BA_DINH}/children`, headers: cadre })).json();
    expect(after.items.map((u: { code: string }) => u.code)).toEqual(codes);
    const gone = await t.app.inject({
      method: 'POST',
      url: `/api/units/villages/${a.code}/dissolve`,
      headers: cadre,
      payload: { effective: '2099-01-01' },
    });
    expect(gone.statusCode).toBe(204);
    const later = await t.app.inject({ method: 'GET', url: `/api/units/${a.code}?asOf=2099-01-02`, headers: cadre });
    expect(later.statusCode).toBe(404);
    const now = await t.app.inject({ method: 'GET', url: `/api/units/${a.code}`, headers: cadre });
    expect(now.statusCode).toBe(200);
    // Without a body the village ends today: created today, so it simply never existed.
    const b = (
      await t.app.inject({
        method: 'POST',
        url: `/api/units/${BA_DINH}/villages`,
        headers: cadre,
        payload: { name: 'Tạm', type: 'thôn' },
      })
    ).json();
    const ended = await t.app.inject({ method: 'POST', url: `/api/units/villages/${b.code}/dissolve`, headers: cadre });
    expect(ended.statusCode, ended.body).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/api/units/${b.code}`, headers: cadre })).statusCode).toBe(404);
  });
});

describe('who may touch a village list', () => {
  it('lets anonymous callers see provinces and communes but not villages', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/units/01/children?limit=500' })).json().total).toBe(126);
    const res = await t.app.inject({ method: 'GET', url: `/api/units/${BA_DINH}/children` });
    expect(res.statusCode).toBe(401);
  });

  it('answers 404 to a commune cadre on another commune or on a province', async () => {
    const other = await signIn(t, communeFront(NGOC_HA, '01'));
    for (const req of [
      { method: 'GET' as const, url: `/api/units/${BA_DINH}/children` },
      { method: 'POST' as const, url: `/api/units/${BA_DINH}/villages`, payload: { name: 'X', type: 'thôn' } },
      { method: 'POST' as const, url: '/api/units/01/villages', payload: { name: 'X', type: 'thôn' } },
      { method: 'PUT' as const, url: `/api/units/${BA_DINH}/villages/order`, payload: { codes: ['000040001'] } },
    ]) {
      const res = await t.app.inject({ ...req, headers: other });
      expect(res.statusCode, req.url).toBe(404);
    }
    const before = await snapshot();
    const file = await xlsxOf([HEADER, ['Đông', 'thôn', null, null]]);
    expect((await importFile(BA_DINH, file, 'thon.xlsx', other)).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('does not let a Women’s Union cadre create villages', async () => {
    const women = await signIn(t, communeFront(BA_DINH, '01', { orgType: 'womens_union' }));
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/units/${BA_DINH}/villages`,
      headers: women,
      payload: { name: 'Đông', type: 'thôn' },
    });
    expect(res.statusCode).toBe(404);
    // …but reads the list, which is unit data every organisation in scope sees.
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/units/${BA_DINH}/children`, headers: women })).statusCode,
    ).toBe(200);
  });
});

describe('importing a village list', () => {
  it('imports a valid 40-row xlsx with organisations', async () => {
    const central = await signIn(t, centralAdmin);
    const rows = Array.from({ length: 40 }, (_, i) => [`Thôn ${i + 1}`, 'Thôn', NGOC_HA, i + 1]);
    const before = await snapshot();
    const res = await importFile(NGOC_HA, await xlsxOf([HEADER, ...rows]), 'thon.xlsx', central);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().created).toBe(40);
    expect(res.json().villages[0]).toMatchObject({ fullName: 'Thôn 1', type: 'thôn' });
    const after = await snapshot();
    expect(after.units - before.units).toBe(40);
    expect(after.orgs - before.orgs).toBe(200);
  });

  it('imports CSV with a BOM and semicolons', async () => {
    const csv = `\uFEFFTên thôn/tổ dân phố;Loại\nĐông;thôn\nĐoài;thôn\n`;
    const res = await importFile(BA_DINH, csv, 'thon.csv');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().created).toBe(2);
  });

  it('lists every bad row with its reason and applies nothing', async () => {
    const before = await snapshot();
    const file = await xlsxOf([
      HEADER,
      ['Bắc', 'thôn', BA_DINH, 1],
      ['', 'thôn', null, null],
      ['BAC', 'Thôn', null, null],
      ['Đông', 'thôn', null, null],
      ['Nam', 'xã', null, null],
      ['Tây', 'thôn', '99999', null],
      ['Tây Nam', 'thôn', NGOC_HA, null],
      ['x'.repeat(101), 'thôn', null, null],
      ['Giữa', 'thôn', null, 'abc'],
    ]);
    const res = await importFile(BA_DINH, file, 'thon.xlsx');
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('IMPORT_INVALID_ROWS');
    expect(body.message).toMatch(/^Có 8 dòng không hợp lệ/);
    const byRow = Object.fromEntries(body.details.rows.map((r: { row: number; code: string }) => [r.row, r.code]));
    expect(byRow).toEqual({
      3: 'VILLAGE_NAME_REQUIRED',
      4: 'VILLAGE_DUPLICATE_IN_FILE',
      5: 'VILLAGE_NAME_DUPLICATE',
      6: 'VILLAGE_TYPE_INVALID',
      7: 'VILLAGE_COMMUNE_UNKNOWN',
      8: 'VILLAGE_COMMUNE_MISMATCH',
      9: 'VILLAGE_NAME_TOO_LONG',
      10: 'VILLAGE_ORDER_INVALID',
    });
    expect(body.details.rows.find((r: { row: number }) => r.row === 4).message).toBe(
      '"BAC" trùng với dòng 2 trong tệp.',
    );
    expect(await snapshot()).toEqual(before);
    const en = await importFile(BA_DINH, file, 'thon.xlsx', cadre, 'en');
    expect(en.json().details.rows[0].message).toBe('The village name is missing.');
  });

  it('refuses empty files, wrong file types and missing columns', async () => {
    const before = await snapshot();
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);
    const cases: [Buffer | string, string, number, string][] = [
      [Buffer.alloc(0), 'thon.xlsx', 422, 'IMPORT_EMPTY_FILE'],
      [await xlsxOf([HEADER]), 'thon.xlsx', 422, 'IMPORT_EMPTY_FILE'],
      [png, 'thon.xlsx', 415, 'IMPORT_WRONG_FILE_TYPE'],
      [png, 'thon.csv', 415, 'IMPORT_WRONG_FILE_TYPE'],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'thon.xlsx', 415, 'IMPORT_WRONG_FILE_TYPE'],
      ['Tên\nĐông\n', 'thon.csv', 422, 'IMPORT_MISSING_COLUMN'],
    ];
    for (const [content, name, status, code] of cases) {
      const res = await importFile(BA_DINH, content, name);
      expect([res.statusCode, res.json().code], name).toEqual([status, code]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an .xlsx that declares a huge unpacked size (zip bomb) before inflating it', async () => {
    const file = await xlsxOf([HEADER, ['Đông', 'thôn', null, null]]);
    const eocd = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    file.writeUInt32LE(0xfffffff0, file.readUInt32LE(eocd + 16) + 24);
    const res = await importFile(BA_DINH, file, 'thon.xlsx');
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('IMPORT_UNPACKED_TOO_LARGE');
  });

  it('refuses a 20 MB file with 413 and a clear message', async () => {
    const res = await importFile(BA_DINH, Buffer.alloc(20 * 1024 * 1024, 65), 'thon.csv');
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('5 MB') });
  });

  it('serves an .xlsx template with the Vietnamese header and an example', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/units/villages/import-template.xlsx?commune=${BA_DINH}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([undefined, ...HEADER]);
    expect(wb.worksheets[0]!.getRow(2).getCell(3).text).toBe(BA_DINH);
  });
});
