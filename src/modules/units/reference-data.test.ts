import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { loadReferenceUnits, readCsv } from './reference-data.ts';
import { todayInVietnam } from './unit-naming.ts';
import { unitsDb } from './units.db.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Row = { code: string; name: string; type: string; province_code: string | null; level: string };

async function treeAsOf(date: string): Promise<Row[]> {
  const { rows } = await sql<Row>`SELECT code, name, type, province_code, level FROM unit_version
    WHERE valid_from <= ${date}::date AND (valid_to IS NULL OR valid_to > ${date}::date)
      AND level IN ('province', 'commune') ORDER BY code`.execute(unitsDb(t.database.db));
  return rows;
}

function csvRows(provinceFile: string, communeFile: string) {
  const provinces = readCsv<{ code: string; name: string; type: string }>(provinceFile);
  const communes = readCsv<{ code: string; name: string; type: string; province_code: string }>(communeFile);
  return [
    ...provinces.map((p) => ({ ...p, province_code: p.code, level: 'province' })),
    ...communes.map((c) => ({ ...c, level: 'commune' })),
  ].sort((a, b) => a.code.localeCompare(b.code));
}

describe('reference data of the hierarchy', () => {
  it('has Central, 34 provinces and 3,321 communes, each with six organisations', async () => {
    const db = unitsDb(t.database.db);
    const { rows } = await sql<{ level: string; units: number; orgs: number }>`
      SELECT v.level, count(DISTINCT v.unit_id)::int AS units, count(o.id)::int AS orgs
      FROM unit_version v LEFT JOIN organisation o ON o.unit_id = v.unit_id AND o.valid_to IS NULL
      WHERE v.valid_to IS NULL GROUP BY v.level ORDER BY v.level`.execute(db);
    expect(rows).toEqual([
      { level: 'central', units: 1, orgs: 6 },
      { level: 'commune', units: 3321, orgs: 3321 * 6 },
      { level: 'province', units: 34, orgs: 34 * 6 },
    ]);
  });

  it('reproduces the 2025-07-01 baseline and, with the 25 dated changes, the current files exactly', async () => {
    expect(await treeAsOf('2025-07-01')).toEqual(csvRows('provinces_2025-07-01.csv', 'communes_2025-07-01.csv'));
    expect(await treeAsOf(todayInVietnam())).toEqual(csvRows('provinces.csv', 'communes.csv'));
  });

  it('differs between 2025-07-01 and today by exactly the 25 recorded type changes, each with its legal basis', async () => {
    const before = new Map((await treeAsOf('2025-07-01')).map((r) => [r.code, r]));
    const after = await treeAsOf(todayInVietnam());
    const changed = after.filter((r) => before.get(r.code)!.type !== r.type);
    expect(changed).toHaveLength(25);
    expect(after.filter((r) => before.get(r.code)!.name !== r.name)).toHaveLength(0);
    const { rows } = await sql<{ code: string; legal_basis: string; valid_from: string }>`
      SELECT code, legal_basis, valid_from FROM unit_version WHERE valid_from > '2025-07-01'`.execute(
      unitsDb(t.database.db),
    );
    expect(rows).toHaveLength(25);
    expect(rows.find((r) => r.code === '75')).toEqual({
      code: '75',
      legal_basis: 'Nghị quyết 30/2026/QH16',
      valid_from: '2026-04-30',
    });
  });

  it('forms full names and organisation names properly', async () => {
    const db = unitsDb(t.database.db);
    const names = await sql<{ code: string; full_name: string }>`SELECT code, full_name FROM unit_version
      WHERE valid_to IS NULL AND code IN ('01', '04', '00070', '31078', 'VN') ORDER BY code`.execute(db);
    expect(names.rows.map((r) => r.full_name).sort()).toEqual(
      ['Thành phố Hà Nội', 'Tỉnh Cao Bằng', 'Phường Hoàn Kiếm', 'Đặc khu Phú Quốc', 'Trung ương'].sort(),
    );
    const orgs = await sql<{ name: string }>`SELECT o.name FROM organisation o JOIN unit u ON u.id = o.unit_id
      WHERE u.code IN ('01', '04', '00004', 'VN') AND o.valid_to IS NULL ORDER BY o.name`.execute(db);
    expect(orgs.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Cao Bằng',
        'Hội Liên hiệp Phụ nữ phường Ba Đình',
        'Liên đoàn Lao động thành phố Hà Nội',
        'Tỉnh đoàn Cao Bằng',
        'Thành đoàn Hà Nội',
        'Đoàn phường Ba Đình',
        'Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam',
        'Tổng Liên đoàn Lao động Việt Nam',
      ]),
    );
  });

  it('loads nothing twice on a restart', async () => {
    const result = await loadReferenceUnits(unitsDb(t.database.db));
    expect(result.loaded).toBe(false);
    expect(result.ms).toBeLessThan(500);
  });
});
