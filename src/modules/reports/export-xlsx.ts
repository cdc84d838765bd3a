import ExcelJS from 'exceljs';
import { ORG_LABEL } from './export-labels.ts';
import type { RangeSynthesis } from './synthesis-range.ts';
import { weekLabel } from './weeks.ts';

const FONT = { name: 'Times New Roman', size: 12 };

/** The synthesis as an Excel workbook: totals by organisation, breakdown by child unit, completeness, narratives. */
export async function synthesisXlsx(s: RangeSynthesis): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mặt trận số';
  wb.created = new Date();
  const unit = s.last.unit;
  const period =
    s.weeks.length === 1 ? weekLabel(s.weeks[0]!) : `${weekLabel(s.weeks[0]!)} – ${weekLabel(s.weeks.at(-1)!)}`;
  const orgs = ['all', ...s.last.orgTypes] as const;
  const ind = s.last.indicators;
  const title = (ws: ExcelJS.Worksheet, text: string, cols: number) => {
    ws.addRow([text]).font = { ...FONT, bold: true, size: 14 };
    ws.mergeCells(1, 1, 1, Math.max(cols, 2));
    ws.addRow([`${unit.name} — ${period}`]).font = { ...FONT, italic: true };
    ws.addRow([]);
  };
  const header = (ws: ExcelJS.Worksheet, cells: string[]) => {
    const r = ws.addRow(cells);
    r.font = { ...FONT, bold: true };
    r.eachCell((c) => {
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      c.border = { bottom: { style: 'thin' } };
      c.alignment = { wrapText: true, vertical: 'middle' };
    });
  };
  const totals = wb.addWorksheet('Tổng hợp');
  title(totals, 'BÁO CÁO TỔNG HỢP', orgs.length + 1);
  header(totals, ['Chỉ tiêu', ...orgs.map((o) => ORG_LABEL[o])]);
  for (const i of ind) totals.addRow([i.labelVi, ...orgs.map((o) => s.totals[o]?.[i.key] ?? 0)]);
  totals.getColumn(1).width = 48;
  for (let c = 2; c <= orgs.length + 1; c++) {
    totals.getColumn(c).width = 16;
    totals.getColumn(c).numFmt = '#,##0';
  }

  const children = wb.addWorksheet('Theo đơn vị');
  title(children, 'SỐ LIỆU THEO ĐƠN VỊ TRỰC THUỘC', ind.length + 4);
  header(children, ['Mã', 'Đơn vị', 'Đã gửi', 'Phải gửi', 'Tỷ lệ', ...ind.map((i) => i.labelVi)]);
  for (const ch of s.byChild)
    children.addRow([
      ch.code,
      ch.name,
      ch.completeness.submitted,
      ch.completeness.expected,
      ch.completeness.rate,
      ...ind.map((i) => ch.totals[i.key] ?? 0),
    ]);
  children.getColumn(2).width = 36;
  children.getColumn(5).numFmt = '0.00%';
  for (let c = 6; c <= ind.length + 5; c++) {
    children.getColumn(c).width = 16;
    children.getColumn(c).numFmt = '#,##0';
  }

  const comp = wb.addWorksheet('Tình hình báo cáo');
  title(comp, 'TÌNH HÌNH BÁO CÁO', 8);
  header(comp, ['Tổ chức', 'Phải gửi', 'Đã gửi', 'Đúng hạn', 'Trễ hạn', 'Chưa báo cáo', 'Đã tiếp nhận', 'Tỷ lệ']);
  const line = (label: string, c: RangeSynthesis['completeness']) =>
    comp.addRow([label, c.expected, c.submitted, c.onTime, c.late, c.missing, c.accepted, c.rate]);
  line(ORG_LABEL.all, s.completeness);
  for (const [o, c] of Object.entries(s.byOrg)) line(ORG_LABEL[o as 'front'], c);
  comp.getColumn(1).width = 28;
  comp.getColumn(8).numFmt = '0.00%';
  comp.addRow([]);
  comp.addRow(['Đơn vị chưa báo cáo']).font = { ...FONT, bold: true };
  for (const m of s.missing) comp.addRow([m.name, ORG_LABEL[m.orgType]]);

  const narr = wb.addWorksheet('Khó khăn, kiến nghị');
  title(narr, 'KHÓ KHĂN, HẠN CHẾ VÀ KIẾN NGHỊ, ĐỀ XUẤT', 3);
  header(narr, ['Nội dung', 'Số ý kiến', 'Đơn vị']);
  narr.addRow(['Khó khăn, hạn chế']).font = { ...FONT, bold: true };
  for (const g of s.difficulties) narr.addRow([g.text, g.count, g.units.map((u) => u.name).join('; ')]);
  narr.addRow(['Kiến nghị, đề xuất']).font = { ...FONT, bold: true };
  for (const g of s.recommendations) narr.addRow([g.text, g.count, g.units.map((u) => u.name).join('; ')]);
  narr.getColumn(1).width = 60;
  narr.getColumn(3).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
