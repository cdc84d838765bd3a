import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { recordAudit } from '../../core/audit.ts';
import { authorize } from '../../core/auth/policy.ts';
import type { Principal } from '../../core/auth/principal.ts';
import { formatDate } from '../../core/i18n/format.ts';
import { translate } from '../../core/i18n/messages.ts';
import { todayInVietnam } from './unit-naming.ts';
import { type UnitsDb, validOn } from './units.db.ts';
import { getReadableUnit } from './units.service.ts';

const LEVEL_NAMES: Record<string, string> = {
  central: 'Trung ương',
  province: 'Tỉnh, thành phố',
  commune: 'Xã, phường, đặc khu',
  village: 'Thôn, tổ dân phố',
};
const ORG_COLUMNS = [
  ['front', 'Mặt trận Tổ quốc'],
  ['trade_union', 'Công đoàn'],
  ['youth_union', 'Đoàn Thanh niên'],
  ['womens_union', 'Hội Liên hiệp Phụ nữ'],
  ['farmers_union', 'Hội Nông dân'],
  ['veterans', 'Hội Cựu chiến binh'],
] as const;

type ExportRow = {
  code: string;
  full_name: string;
  type: string;
  level: string;
  parent_code: string | null;
  parent_name: string | null;
} & Record<(typeof ORG_COLUMNS)[number][0], string | null>;

/**
 * The subtree of a unit as an Excel workbook: every unit with its code, full name, type, level, parent and
 * the names of its organisations. Staff only, within their scope (the core policy, 'view').
 */
export async function exportSubtree(
  db: UnitsDb,
  p: Principal | null,
  code: string,
  asOf?: string,
): Promise<{ buffer: Buffer; filename: string }> {
  const at = asOf ?? todayInVietnam();
  const root = await getReadableUnit(db, p, code, at);
  authorize(p, 'view', { unitPath: root.path });
  const orgs = ORG_COLUMNS.map(
    ([t]) =>
      sql`max(organisation_name(o.org_type, v.level, v.type, v.name)) FILTER (WHERE o.org_type = ${t}) AS ${sql.ref(t)}`,
  );
  const { rows } = await sql<ExportRow>`SELECT v.code, v.full_name, v.type, v.level, pv.code AS parent_code,
      pv.full_name AS parent_name, ${sql.join(orgs)}
    FROM unit_version v
    LEFT JOIN unit_version pv ON pv.unit_id = v.parent_id AND ${validOn('pv', at)}
    LEFT JOIN organisation o ON o.unit_id = v.unit_id AND ${validOn('o', at)}
    WHERE v.path <@ ${root.path}::ltree AND ${validOn('v', at)}
    GROUP BY v.unit_id, v.code, v.full_name, v.type, v.level, v.path, pv.code, pv.full_name
    ORDER BY v.path`.execute(db);
  await recordAudit(db, {
    actor: p,
    action: 'units.subtree.export',
    target: { type: 'unit', id: root.code, unitPath: root.path },
    details: { asOf: at, rows: rows.length },
  });

  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  wb.creator = 'Mặt trận số';
  const ws = wb.addWorksheet('Đơn vị');
  ws.columns = [
    { header: 'Mã', key: 'code', width: 12 },
    { header: 'Tên đơn vị', key: 'full_name', width: 34 },
    { header: 'Loại', key: 'type', width: 14 },
    { header: 'Cấp', key: 'level', width: 20 },
    { header: 'Mã cấp trên', key: 'parent_code', width: 12 },
    { header: 'Đơn vị cấp trên', key: 'parent_name', width: 30 },
    ...ORG_COLUMNS.map(([key, header]) => ({ header, key, width: 44 })),
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const absent = translate('ORG_NOT_AT_VILLAGE', 'vi');
  for (const r of rows) {
    ws.addRow({
      ...r,
      level: LEVEL_NAMES[r.level],
      trade_union: r.level === 'village' ? absent : r.trade_union,
    }).commit();
  }
  ws.commit();
  await wb.commit();
  const stamp = formatDate(at).replaceAll('/', '-');
  return { buffer: Buffer.concat(chunks), filename: `don-vi-${root.code}-${stamp}.xlsx` };
}
