import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'kysely';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { multipartFile } from '../units/units.test-helpers.ts';
import { communeApprover, createVillages, currentWeek, signIn, villageEntry } from './reports.test-helpers.ts';

const P = '01';
const BA_DINH = '00004';
let t: TestApp;
let boss: Awaited<ReturnType<typeof signIn>>;
const week = currentWeek();

beforeAll(async () => {
  t = await createTestApp();
  boss = await signIn(t, communeApprover(P, BA_DINH, { roles: ['admin'] }));
});
afterAll(() => t.close());

const profileUrl = `/api/reports/organisations/${BA_DINH}/front/profile`;
const profile = (members: number, executive = 10, extra: object = {}) => ({
  members,
  fullTimeStaff: 3,
  committeeMembers: 25,
  executiveMembers: executive,
  difficulties: 'Thiếu kinh phí',
  ...extra,
});

describe('organisation profiles', () => {
  it('keeps every version with who and when, and reads as of a date', async () => {
    const first = await t.app.inject({ method: 'PUT', url: profileUrl, headers: boss, payload: profile(1000) });
    expect(first.statusCode).toBe(200);
    const cut = new Date();
    await new Promise((r) => setTimeout(r, 20));
    expect(
      (await t.app.inject({ method: 'PUT', url: profileUrl, headers: boss, payload: profile(1200) })).statusCode,
    ).toBe(200);
    const now = (await t.app.inject({ method: 'GET', url: profileUrl, headers: boss })).json();
    expect(now.profile).toMatchObject({ members: 1200, changedByName: `Cán bộ ${BA_DINH}` });
    const then = (
      await t.app.inject({ method: 'GET', url: `${profileUrl}?asOf=${cut.toISOString()}`, headers: boss })
    ).json();
    expect(then.profile.members).toBe(1000);
    const hist = (await t.app.inject({ method: 'GET', url: `${profileUrl}/history`, headers: boss })).json();
    expect(hist.items.map((x: { members: number }) => x.members)).toEqual([1200, 1000]);
  });
  it('refuses negative numbers and an executive committee larger than the membership, saving nothing', async () => {
    const neg = await t.app.inject({ method: 'PUT', url: profileUrl, headers: boss, payload: profile(-1) });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().fields[0]).toMatchObject({ field: 'members', message: 'Số hội viên, đoàn viên: không được âm.' });
    const big = await t.app.inject({ method: 'PUT', url: profileUrl, headers: boss, payload: profile(1200, 1300) });
    expect(big.json().fields[0].message).toBe(
      'Số ủy viên Ban Chấp hành (1.300) không được lớn hơn số hội viên, đoàn viên (1.200).',
    );
    const hist = (await t.app.inject({ method: 'GET', url: `${profileUrl}/history`, headers: boss })).json();
    expect(hist.items).toHaveLength(2);
  });
  it('asks for confirmation when a figure moves by more than half', async () => {
    const jump = await t.app.inject({ method: 'PUT', url: profileUrl, headers: boss, payload: profile(5000) });
    expect(jump.statusCode).toBe(409);
    expect(jump.json().code).toBe('PROFILE_CONFIRM_LARGE_CHANGE');
    expect(jump.json().fields[0].message).toBe('Số hội viên, đoàn viên: 1.200 → 5.000, thay đổi hơn 50%.');
    const ok = await t.app.inject({
      method: 'PUT',
      url: profileUrl,
      headers: boss,
      payload: profile(5000, 10, { confirm: true }),
    });
    expect(ok.json().members).toBe(5000);
  });
});

describe('cadre lists', () => {
  const url = `/api/reports/organisations/${BA_DINH}/front/cadres`;
  async function upload(rows: (string | number)[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Cán bộ');
    ws.addRow([
      'Họ và tên',
      'Giới tính',
      'Năm sinh',
      'Dân tộc',
      'Chức vụ',
      'Chuyên trách',
      'Số điện thoại',
      'Đảng viên',
      'Nhiệm kỳ',
    ]);
    for (const r of rows) ws.addRow(r);
    const body = await multipartFile(Buffer.from(await wb.xlsx.writeBuffer()), 'can-bo.xlsx');
    return t.app.inject({
      method: 'POST',
      url: `${url}/import`,
      headers: { ...boss, ...body.headers },
      payload: body.payload,
    });
  }
  it('imports all rows or none, with a row-by-row error report', async () => {
    const bad = await upload([
      ['Nguyễn Văn An', 'Nam', 1970, 'Kinh', 'Chủ tịch', 'Có', '0912345678', 'Có', '2024-2029'],
      ['Trần Thị Bình', 'Nữ giới', 1980, 'Tày', 'Phó Chủ tịch', 'Có', '12345', 'Không', ''],
      ['', 'Nam', 1890, '', '', '', '', '', ''],
    ]);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('CADRE_IMPORT_INVALID_ROWS');
    const rows = bad.json().details.rows;
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          row: 3,
          column: 'Giới tính',
          message: 'Giới tính "Nữ giới" không hợp lệ; dùng Nam, Nữ hoặc Khác.',
        }),
        expect.objectContaining({ row: 3, column: 'Số điện thoại' }),
        expect.objectContaining({ row: 4, column: 'Họ và tên', message: 'Thiếu họ và tên.' }),
        expect.objectContaining({ row: 4, column: 'Năm sinh' }),
      ]),
    );
    const list = (await t.app.inject({ method: 'GET', url, headers: boss })).json();
    expect(list.items).toHaveLength(0);
    const good = await upload([
      ['Nguyễn Văn An', 'Nam', 1970, 'Kinh', 'Chủ tịch', 'Có', '0912 345 678', 'Có', '2024-2029'],
      ['Trần Thị Bình', 'Nữ', 1980, 'Tày', 'Phó Chủ tịch', 'Không', '', 'Không', ''],
    ]);
    expect(good.statusCode).toBe(201);
    const after = (await t.app.inject({ method: 'GET', url: `${url}?q=tran thi`, headers: boss })).json();
    expect(after.items).toEqual([
      expect.objectContaining({ fullName: 'Trần Thị Bình', gender: 'nu', ethnicity: 'Tày' }),
    ]);
  });
  it('exports the list to Excel, audits reads of personal data, and hides it from other communes and from the public', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/reports/organisations/${BA_DINH}/front/cadres.xlsx`,
      headers: boss,
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('Họ và tên');
    expect(ws.getRow(2).getCell(7).value).toBe('0912345678');
    const { rows } = await sql<{
      action: string;
    }>`SELECT action FROM audit_log WHERE action LIKE 'reports.cadre.%'`.execute(t.database.db);
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['reports.cadre.import', 'reports.cadre.list', 'reports.cadre.export']),
    );
    const other = await signIn(t, communeApprover(P, '00008', { roles: ['admin'] }));
    expect((await t.app.inject({ method: 'GET', url, headers: other })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });
});

describe('digital transformation progress', () => {
  it('counts communes and provinces that have updated cadre lists, and village lists', async () => {
    const central = await signIn(t, { unitCode: 'VN', unitPath: 'vn', unitLevel: 'central', roles: ['viewer'] });
    const res = (await t.app.inject({ method: 'GET', url: '/api/reports/progress', headers: central })).json();
    expect(res.provinces).toMatchObject({ total: 34, withCadres: 0 });
    expect(res.communes).toMatchObject({ total: 3321, withCadres: 1 });
    expect(res.cadres.commune).toBe(2);
  });
});

describe('Word and Excel synthesis', () => {
  it('produces a Decree 30 Word report and an Excel workbook with totals, breakdown and completeness', async () => {
    const [v] = await createVillages(t, P, BA_DINH, ['Xuất Báo Cáo']);
    const h = await signIn(t, villageEntry(v!));
    await t.app.inject({
      method: 'POST',
      url: `/api/reports/entry/${v!.code}/front/${week}/submit`,
      headers: h,
      payload: {
        values: { members: 321, activities_held: 4 },
        narratives: { difficulties: 'Thiếu kinh phí hoạt động.' },
      },
    });
    const inbox = (await t.app.inject({ method: 'GET', url: `/api/reports/inbox?week=${week}`, headers: boss })).json();
    await t.app.inject({ method: 'POST', url: `/api/reports/${inbox.items[0].id}/accept`, headers: boss });
    const doc = await t.app.inject({
      method: 'GET',
      url: `/api/reports/export/${BA_DINH}/synthesis.docx?week=${week}`,
      headers: boss,
    });
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    const { value: text } = await mammoth.extractRawText({ buffer: doc.rawPayload });
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('Số:');
    expect(text).toMatch(/Ba Đình, ngày \d{2} tháng \d{1,2} năm \d{4}/);
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('Thiếu kinh phí hoạt động (1 ý kiến, 1 đơn vị)');
    expect(text).toContain('321');
    // A4, margins 20/20/30/15 mm, Times New Roman 14 pt.
    const zip = await JSZip.loadAsync(doc.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:top="1134"[^>]*w:right="851"[^>]*w:bottom="1134"[^>]*w:left="1701"/);
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).toContain('<w:sz w:val="28"/>');
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/reports/export/${BA_DINH}/synthesis.xlsx?week=${week}`,
      headers: boss,
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Theo đơn vị',
      'Tình hình báo cáo',
      'Khó khăn, kiến nghị',
    ]);
    const totals = wb.getWorksheet('Tổng hợp')!;
    expect(totals.getRow(5).values).toEqual(expect.arrayContaining(['Số hội viên, đoàn viên', 321]));
  });
});
