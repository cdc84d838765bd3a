import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { formatAdoption } from './adoption.ts';
import { generateDemoVillages } from './demo-villages.ts';
import { centralAdmin, communeFront, multipartFile, signIn } from './units.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('adoption tracker', () => {
  it('formats figures the way the Front reports them', () => {
    expect(formatAdoption({ communes: 3321, communesStarted: 2280, villages: 0 }, 'vi').formatted).toBe(
      '2.280/3.321 (68,65%)',
    );
    expect(formatAdoption({ communes: 3321, communesStarted: 2280, villages: 0 }, 'en').formatted).toBe(
      '2,280/3,321 (68.65%)',
    );
  });

  it('changes after an import, nationally and for the province, and drills down to communes not started', async () => {
    const central = await signIn(t, centralAdmin);
    const get = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/units/adoption', headers: central })).json();
    const before = await get();
    expect(before.total).toMatchObject({ communes: 3321 });
    const caoBang = before.provinces.find((p: { provinceCode: string }) => p.provinceCode === '04');
    const notStarted = (
      await t.app.inject({ method: 'GET', url: '/api/units/adoption/04/not-started', headers: central })
    ).json().items;
    expect(notStarted).toHaveLength(caoBang.communes - caoBang.communesStarted);
    const commune = notStarted[0];
    const cadre = await signIn(t, communeFront(commune.code, '04'));
    const body = await multipartFile('Tên thôn/tổ dân phố,Loại\nNà Pục,bản\nPác Bó,bản\nĐông,thôn\n', 'thon.csv');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/units/${commune.code}/villages/import`,
      headers: { ...cadre, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    const after = await get();
    expect(after.total.communesStarted).toBe(before.total.communesStarted + 1);
    expect(after.total.villages).toBe(before.total.villages + 3);
    expect(after.total.formatted).toMatch(/^\d[\d.]*\/3\.321 \(\d+,\d\d%\)$/);
    const province = await t.app.inject({ method: 'GET', url: '/api/units/adoption', headers: cadre });
    expect(province.json().provinces).toHaveLength(1);
    expect(province.json().total).toMatchObject({
      communes: 1,
      communesStarted: 1,
      villages: 3,
      formatted: '1/1 (100,00%)',
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/units/adoption' })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/units/adoption/04/not-started', headers: cadre })).statusCode,
    ).toBe(404);
  });
});

describe('demo villages', () => {
  it('generates a deterministic small sample with organisations, and is idempotent', async () => {
    const first = await generateDemoVillages(t.database.db, { scale: 'small', seed: 7 });
    expect(first.communes).toBeGreaterThan(100);
    expect(first.villages).toBeGreaterThan(first.communes * 3);
    const again = await generateDemoVillages(t.database.db, { scale: 'small', seed: 7 });
    expect(again.villages).toBe(0);
    const central = await signIn(t, centralAdmin);
    const counts = (await t.app.inject({ method: 'GET', url: '/api/units/VN/counts', headers: central })).json();
    expect(counts.organisations.front).toBe(1 + 34 + 3321 + counts.villages);
    expect(counts.organisations.trade_union).toBe(1 + 34 + 3321);
  });
});

describe('Excel export of a subtree', () => {
  it('exports a province with units, parents and organisations; refuses anonymous and out-of-scope callers', async () => {
    const central = await signIn(t, centralAdmin);
    const res = await t.app.inject({ method: 'GET', url: '/api/units/04/export.xlsx', headers: central });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).text).toBe('Mã');
    expect(ws.getRow(2).getCell(2).text).toBe('Tỉnh Cao Bằng');
    expect(ws.getRow(2).getCell(7).text).toBe('Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Cao Bằng');
    expect(ws.rowCount).toBeGreaterThan(56);
    expect((await t.app.inject({ method: 'GET', url: '/api/units/04/export.xlsx' })).statusCode).toBe(401);
    const other = await signIn(t, communeFront('00004', '01'));
    expect((await t.app.inject({ method: 'GET', url: '/api/units/04/export.xlsx', headers: other })).statusCode).toBe(
      404,
    );
  });
});
