import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { journeys } from '../lib/journey.ts';

const HEADER = ['Tên thôn/tổ dân phố', 'Loại', 'Mã xã', 'Thứ tự'];

/** 40 residential groups of Phường Ba Đình; `duplicateRow` repeats the name of row 3 (sheet rows count the header). */
async function villageFile(dir: string, name: string, duplicateAt?: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách thôn');
  ws.addRow(HEADER);
  for (let i = 1; i <= 40; i++) {
    const sheetRow = i + 1;
    const villageName = sheetRow === duplicateAt ? 'Số 2' : `Số ${i}`;
    ws.addRow([villageName, 'tổ dân phố', '00004', i]);
  }
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

async function adoptionOfHanoi(page: Page, baseUrl: string): Promise<string> {
  await page.goto(`${baseUrl}/don-vi/01`);
  return ((await page.textContent('[data-testid="province-adoption"]')) ?? '').trim();
}

export default journeys([
  {
    name: 'a commune cadre imports 40 villages from Excel: a bad row refuses all, the fixed file succeeds, adoption rises',
    // The refused import answers 422, which the browser logs as a failed resource.
    allowConsoleErrors: true,
    async run({ page, baseUrl }) {
      const dir = mkdtempSync(path.join(tmpdir(), 'mts-villages-'));
      const before = await adoptionOfHanoi(page, baseUrl);
      const startedBefore = Number(before.split('/')[0]);

      await page.goto(`${baseUrl}/quan-tri/thon`);
      assert.match(page.url(), /\/dang-nhap\?next=%2Fquan-tri%2Fthon$/);
      await page.fill('#unit', '00004');
      await page.selectOption('#orgType', 'front');
      await Promise.all([page.waitForURL(`${baseUrl}/quan-tri/thon`), page.click('form[action="/dang-nhap"] button')]);
      assert.equal((await page.textContent('[data-testid="village-count"]'))?.trim(), '0 thôn, tổ dân phố');

      await page.setInputFiles('#import-file', await villageFile(dir, 'bad.xlsx', 6));
      await Promise.all([page.waitForLoadState('load'), page.click('form[action="/quan-tri/thon/nhap"] button')]);
      const errors = (await page.textContent('[data-testid="import-errors"]')) ?? '';
      assert.ok(errors.includes('Dòng 6: "Số 2" trùng với dòng 3 trong tệp.'), errors);
      assert.ok(errors.includes('chưa có dòng nào được nhập'), errors);
      assert.equal((await page.textContent('[data-testid="village-count"]'))?.trim(), '0 thôn, tổ dân phố');

      await page.setInputFiles('#import-file', await villageFile(dir, 'fixed.xlsx'));
      await Promise.all([
        page.waitForURL('**/quan-tri/thon?ok=imported&n=40'),
        page.click('form[action="/quan-tri/thon/nhap"] button'),
      ]);
      assert.ok((await page.textContent('main'))?.includes('Đã nhập 40 thôn, tổ dân phố vào danh sách.'));
      assert.equal((await page.textContent('[data-testid="village-count"]'))?.trim(), '40 thôn, tổ dân phố');
      assert.equal(await page.locator('[data-testid="village-table"] tbody tr').count(), 40);

      // Reorder with the up button (a plain form post).
      await Promise.all([
        page.waitForURL('**/quan-tri/thon?ok=moved*'),
        page.click('[data-testid="village-table"] tbody tr:nth-child(2) button[aria-label^="Chuyển"]'),
      ]);
      const firstRow = await page.textContent('[data-testid="village-table"] tbody tr:first-child');
      assert.ok(firstRow?.includes('Tổ dân phố Số 2'), firstRow ?? '');

      const after = await adoptionOfHanoi(page, baseUrl);
      assert.equal(Number(after.split('/')[0]), startedBefore + 1, `${before} → ${after}`);
      assert.notEqual(after, before);
    },
  },
  {
    name: 'a commune cadre cannot open another commune’s village list',
    allowConsoleErrors: true,
    async run({ page, baseUrl }) {
      await page.goto(`${baseUrl}/dang-nhap?next=/quan-tri/thon?xa=00004`);
      await page.fill('#unit', '00070');
      await page.click('form[action="/dang-nhap"] button');
      await page.waitForLoadState('load');
      assert.equal((await page.textContent('h1'))?.trim(), 'Không tìm thấy trang');
    },
  },
]);
