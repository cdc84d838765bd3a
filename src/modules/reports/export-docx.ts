import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { formatNumber, formatPercent } from '../../core/i18n/format.ts';
import { issuingBody, ORG_LABEL, placeAndDate, placeOf } from './export-labels.ts';
import type { RangeSynthesis } from './synthesis-range.ts';
import { weekLabel } from './weeks.ts';

const FONT = 'Times New Roman';
const SIZE = 28; // half-points: 14 pt body
const mm = (x: number) => Math.round(x * 56.7);
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
  new TextRun({
    text,
    font: FONT,
    size: o.size ?? SIZE,
    bold: o.bold,
    italics: o.italics,
    underline: o.underline ? {} : undefined,
  });

const para = (
  children: TextRun[],
  o: { align?: 'center' | 'left' | 'right' | 'both'; indent?: boolean; after?: number } = {},
) =>
  new Paragraph({
    children,
    alignment:
      o.align === 'center'
        ? AlignmentType.CENTER
        : o.align === 'right'
          ? AlignmentType.RIGHT
          : o.align === 'left'
            ? AlignmentType.LEFT
            : AlignmentType.JUSTIFIED,
    indent: o.indent ? { firstLine: mm(10) } : undefined,
    spacing: { after: o.after ?? 60, line: 300 },
  });

const cellOf = (
  text: string,
  o: { bold?: boolean; align?: 'left' | 'right' | 'center'; width?: number; size?: number } = {},
) =>
  new TableCell({
    children: [para([run(text, { bold: o.bold, size: o.size ?? 24 })], { align: o.align ?? 'left', after: 0 })],
    width: o.width ? { size: o.width, type: WidthType.DXA } : undefined,
  });

/**
 * The figure tables with explicit column widths (the grid LibreOffice lays out by): in the organisation table
 * the indicator column leaves each number column (at most seven: total and six organisations) room for
 * "1.234.567" in 11 pt.
 */
const orgTableColumns = (numbers: number) => [mm(46), ...Array.from({ length: numbers }, () => mm(119 / numbers))];
const CHILD_TABLE_COLUMNS = [mm(45), mm(24), mm(20), mm(25), mm(25), mm(26)];
const tableOf = (columns: number[], rows: TableRow[]) =>
  new Table({ width: { size: mm(165), type: WidthType.DXA }, columnWidths: columns, rows });

/**
 * The synthesis report as a Word document in the administrative format of Decree 30/2020/NĐ-CP: A4, margins
 * 20/20/30/15 mm, Times New Roman 14 pt; issuing body and national title side by side, number, place and date,
 * title, body, recipients and the signature block.
 */
export async function synthesisDocx(s: RangeSynthesis, o: { now?: Date } = {}): Promise<Buffer> {
  const unit = s.last.unit;
  const [upper, body] = issuingBody(unit.level, unit.name);
  const period =
    s.weeks.length === 1
      ? weekLabel(s.weeks[0]!).toLowerCase()
      : `${weekLabel(s.weeks[0]!).toLowerCase()} đến ${weekLabel(s.weeks.at(-1)!).toLowerCase()}`;
  const indicators = s.last.indicators;
  const orgs = s.last.orgTypes;
  const headerTable = new Table({
    width: { size: mm(165), type: WidthType.DXA },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            width: { size: mm(70), type: WidthType.DXA },
            borders: NO_BORDERS,
            children: [
              para([run(upper, { size: 26 })], { align: 'center', after: 0 }),
              para([run(body, { bold: true, size: 26 })], { align: 'center', after: 0 }),
              para([run('Số:       /BC-MTTQ', { size: 26 })], { align: 'center', after: 0 }),
            ],
          }),
          new TableCell({
            width: { size: mm(95), type: WidthType.DXA },
            borders: NO_BORDERS,
            children: [
              para([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 26 })], {
                align: 'center',
                after: 0,
              }),
              para([run('Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true })], {
                align: 'center',
                after: 120,
              }),
              para([run(placeAndDate(placeOf(unit.name), o.now), { italics: true })], { align: 'center', after: 0 }),
            ],
          }),
        ],
      }),
    ],
  });
  const c = s.completeness;
  const ORG_TABLE_COLUMNS = orgTableColumns(1 + orgs.length);
  const tableRows = [
    new TableRow({
      tableHeader: true,
      children: [
        cellOf('Chỉ tiêu', { bold: true, width: ORG_TABLE_COLUMNS[0], size: 22 }),
        ...['all', ...orgs].map((t) =>
          cellOf(ORG_LABEL[t as 'all'], { bold: true, align: 'center', width: ORG_TABLE_COLUMNS[1], size: 22 }),
        ),
      ],
    }),
    ...indicators.map(
      (ind) =>
        new TableRow({
          children: [
            cellOf(ind.labelVi, { width: ORG_TABLE_COLUMNS[0], size: 22 }),
            ...['all', ...orgs].map((t) =>
              cellOf(formatNumber(s.totals[t]?.[ind.key] ?? 0), {
                align: 'right',
                width: ORG_TABLE_COLUMNS[1],
                size: 22,
              }),
            ),
          ],
        }),
    ),
  ];
  const childRows = [
    new TableRow({
      tableHeader: true,
      children: ['Đơn vị', 'Đã gửi / phải gửi', 'Tỷ lệ', ...indicators.slice(0, 3).map((i) => i.labelVi)].map((h) =>
        cellOf(h, { bold: true, align: 'center' }),
      ),
    }),
    ...s.byChild.map(
      (ch) =>
        new TableRow({
          children: [
            cellOf(ch.name),
            cellOf(`${formatNumber(ch.completeness.submitted)}/${formatNumber(ch.completeness.expected)}`, {
              align: 'center',
            }),
            cellOf(formatPercent(ch.completeness.rate), { align: 'right' }),
            ...indicators.slice(0, 3).map((i) => cellOf(formatNumber(ch.totals[i.key] ?? 0), { align: 'right' })),
          ],
        }),
    ),
  ];
  const groups = (title: string, gs: RangeSynthesis['difficulties']) => [
    para([run(title, { bold: true })], { indent: true }),
    ...(gs.length
      ? gs.map((g) =>
          para([run(`- ${g.text} (${formatNumber(g.count)} ý kiến, ${formatNumber(g.units.length)} đơn vị).`)], {
            indent: true,
          }),
        )
      : [para([run('- Không có ý kiến.')], { indent: true })]),
  ];
  const doc = new Document({
    creator: 'Mặt trận số',
    title: `Báo cáo tổng hợp ${period}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) },
          },
        },
        children: [
          headerTable,
          para([run('')], { after: 120 }),
          para([run('BÁO CÁO', { bold: true })], { align: 'center', after: 0 }),
          para([run(`Tổng hợp tình hình hoạt động ${period}`, { bold: true })], { align: 'center', after: 240 }),
          para([run('I. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ', { bold: true })], { indent: true }),
          para(
            [
              run(
                `Số báo cáo phải gửi: ${formatNumber(c.expected)}; đã gửi: ${formatNumber(c.submitted)} (${formatPercent(c.rate)}), trong đó đúng hạn ${formatNumber(c.onTime)}, trễ hạn ${formatNumber(c.late)}; đã tiếp nhận ${formatNumber(c.accepted)}; chưa báo cáo: ${formatNumber(c.missing)}.`,
              ),
            ],
            { indent: true },
          ),
          ...(s.missing.length
            ? [
                para(
                  [
                    run(
                      `Đơn vị chưa báo cáo ${weekLabel(s.weeks.at(-1)!).toLowerCase()}: ${[...new Set(s.missing.map((m) => m.name))].slice(0, 60).join('; ')}.`,
                    ),
                  ],
                  { indent: true },
                ),
              ]
            : []),
          para([run('II. SỐ LIỆU TỔNG HỢP', { bold: true })], { indent: true }),
          para([run('1. Số liệu theo tổ chức (đã tiếp nhận):')], { indent: true }),
          tableOf(ORG_TABLE_COLUMNS, tableRows),
          para([run('')]),
          para([run('2. Số liệu theo đơn vị trực thuộc:')], { indent: true }),
          tableOf(CHILD_TABLE_COLUMNS, childRows),
          para([run('')]),
          para([run('III. HOẠT ĐỘNG TIÊU BIỂU', { bold: true })], { indent: true }),
          ...(s.typicalActivities.length
            ? s.typicalActivities
                .slice(0, 40)
                .map((a) =>
                  para(
                    [run(`- ${a.name} (${ORG_LABEL[a.orgType as 'front']}): ${a.text.replace(/\s*\n\s*/g, '; ')}`)],
                    { indent: true },
                  ),
                )
            : [para([run('- Không có.')], { indent: true })]),
          ...groups('IV. KHÓ KHĂN, HẠN CHẾ', s.difficulties),
          ...groups('V. KIẾN NGHỊ, ĐỀ XUẤT', s.recommendations),
          para([run('')]),
          new Table({
            width: { size: mm(165), type: WidthType.DXA },
            borders: NO_BORDERS,
            rows: [
              new TableRow({
                children: [
                  new TableCell({
                    borders: NO_BORDERS,
                    width: { size: mm(80), type: WidthType.DXA },
                    children: [
                      para([run('Nơi nhận:', { bold: true, italics: true, size: 24 })], { align: 'left', after: 0 }),
                      para(
                        [
                          run(
                            unit.level === 'central'
                              ? '- Đoàn Chủ tịch UBTƯ MTTQ Việt Nam;'
                              : '- Ban Thường trực MTTQ cấp trên;',
                            { size: 22 },
                          ),
                        ],
                        { align: 'left', after: 0 },
                      ),
                      para([run('- Các tổ chức chính trị - xã hội cùng cấp;', { size: 22 })], {
                        align: 'left',
                        after: 0,
                      }),
                      para([run('- Lưu: VT.', { size: 22 })], { align: 'left', after: 0 }),
                    ],
                  }),
                  new TableCell({
                    borders: NO_BORDERS,
                    width: { size: mm(85), type: WidthType.DXA },
                    children: [
                      para([run('TM. BAN THƯỜNG TRỰC', { bold: true })], { align: 'center', after: 0 }),
                      para([run('CHỦ TỊCH', { bold: true })], { align: 'center', after: 1200 }),
                      para([run('(Ký, ghi rõ họ tên)', { italics: true })], { align: 'center', after: 0 }),
                    ],
                  }),
                ],
              }),
            ],
          }),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
