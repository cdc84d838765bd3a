import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../../core/http/errors.ts';
import { foldVietnamese, formatBytes } from '../../core/i18n/format.ts';
import { COLUMN_COMMUNE, COLUMN_NAME, COLUMN_ORDER, COLUMN_TYPE } from './village-rules.ts';

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;

export type SheetRow = { row: number; name: string; type: string; communeCode: string | null; order: string | null };

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** An .xlsx of 5,000 short rows unpacks to a few MB; far more than this is a zip bomb, not a village list. */
export const IMPORT_MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

/**
 * The total unpacked size a ZIP declares in its central directory, read before anything is inflated.
 * Null when the directory cannot be found (not a ZIP after all).
 */
export function declaredUnpackedSize(buf: Buffer): number | null {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > buf.length) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null;
    const size = buf.readUInt32LE(at + 24);
    // 0xFFFFFFFF defers to a ZIP64 record: far beyond any village list.
    total += size === 0xffffffff ? Number.POSITIVE_INFINITY : size;
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return total;
}

/** What the bytes are, whatever the file is called: an .xlsx is a ZIP; a CSV is UTF-8 text without NULs. */
export function detectFileKind(buf: Buffer, filename: string): 'xlsx' | 'csv' {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  if (buf.subarray(0, 4).equals(ZIP_MAGIC)) {
    if (ext === 'csv') throw new AppError('IMPORT_WRONG_FILE_TYPE');
    return 'xlsx';
  }
  if (ext === 'xlsx' || ext === 'xls' || buf.includes(0)) throw new AppError('IMPORT_WRONG_FILE_TYPE');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new AppError('IMPORT_WRONG_FILE_TYPE');
  }
  return 'csv';
}

const HEADERS: Record<keyof Omit<SheetRow, 'row'>, string[]> = {
  name: [COLUMN_NAME, 'Tên thôn, tổ dân phố', 'Tên thôn', 'Tên'].map(foldVietnamese),
  type: [COLUMN_TYPE].map(foldVietnamese),
  communeCode: [COLUMN_COMMUNE, 'Mã xã/phường'].map(foldVietnamese),
  order: [COLUMN_ORDER].map(foldVietnamese),
};

async function readGrid(buf: Buffer, kind: 'xlsx' | 'csv'): Promise<{ row: number; cells: string[] }[]> {
  if (kind === 'csv') {
    const records = parse(buf, { bom: true, delimiter: [',', ';', '\t'], relax_column_count: true }) as string[][];
    return records.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => String(c ?? '')) }));
  }
  const unpacked = declaredUnpackedSize(buf);
  if (unpacked === null) throw new AppError('IMPORT_WRONG_FILE_TYPE');
  if (unpacked > IMPORT_MAX_UNPACKED_BYTES) {
    throw new AppError('IMPORT_UNPACKED_TOO_LARGE', { params: { limit: formatBytes(IMPORT_MAX_UNPACKED_BYTES) } });
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_WRONG_FILE_TYPE');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new AppError('IMPORT_EMPTY_FILE');
  const grid: { row: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const cells: string[] = [];
    r.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cell.text ?? '';
    });
    grid.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  return grid;
}

/** Reads the rows of an uploaded village list; file-level problems throw, row problems are for the caller. */
export async function readVillageFile(buf: Buffer, filename: string): Promise<SheetRow[]> {
  if (!buf.length) throw new AppError('IMPORT_EMPTY_FILE');
  const grid = (await readGrid(buf, detectFileKind(buf, filename))).filter((r) => r.cells.some((c) => c.trim()));
  const header = grid.shift();
  if (!header) throw new AppError('IMPORT_EMPTY_FILE');
  const folded = header.cells.map((c) => foldVietnamese(c));
  const index = (key: keyof typeof HEADERS) => folded.findIndex((h) => HEADERS[key].includes(h));
  const cols = { name: index('name'), type: index('type'), communeCode: index('communeCode'), order: index('order') };
  if (cols.name < 0) throw new AppError('IMPORT_MISSING_COLUMN', { params: { column: COLUMN_NAME } });
  if (cols.type < 0) throw new AppError('IMPORT_MISSING_COLUMN', { params: { column: COLUMN_TYPE } });
  if (!grid.length) throw new AppError('IMPORT_EMPTY_FILE');
  if (grid.length > IMPORT_MAX_ROWS) throw new AppError('IMPORT_TOO_MANY_ROWS', { params: { max: IMPORT_MAX_ROWS } });
  const cell = (cells: string[], i: number) => (i < 0 ? null : (cells[i] ?? '').trim() || null);
  return grid.map(({ row, cells }) => ({
    row,
    name: cell(cells, cols.name) ?? '',
    type: cell(cells, cols.type) ?? '',
    communeCode: cell(cells, cols.communeCode),
    order: cell(cells, cols.order),
  }));
}

/** The import template: the header row, one example row and the allowed types as a drop-down. */
export async function buildVillageTemplate(communeCode: string | null, types: readonly string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mặt trận số';
  const sheet = wb.addWorksheet('Danh sách thôn');
  sheet.columns = [
    { header: COLUMN_NAME, key: 'name', width: 36 },
    { header: COLUMN_TYPE, key: 'type', width: 16 },
    { header: COLUMN_COMMUNE, key: 'commune', width: 12 },
    { header: COLUMN_ORDER, key: 'order', width: 10 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.addRow({ name: 'Đông', type: 'thôn', commune: communeCode ?? '', order: 1 });
  sheet.getColumn('commune').numFmt = '@';
  for (let r = 2; r <= 500; r++) {
    sheet.getCell(`B${r}`).dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: [`"${types.join(',')}"`],
    };
    sheet.getCell(`C${r}`).numFmt = '@';
  }
  const help = wb.addWorksheet('Hướng dẫn');
  help.getColumn(1).width = 100;
  for (const line of [
    'Mỗi dòng là một thôn, tổ dân phố của xã. Dòng 1 là tiêu đề, giữ nguyên.',
    `"${COLUMN_NAME}": bắt buộc, tối đa 100 ký tự, không trùng tên thôn đã có của xã.`,
    `"${COLUMN_TYPE}": một trong ${types.join(', ')}.`,
    `"${COLUMN_COMMUNE}": không bắt buộc; nếu có phải là mã của xã đang nhập.`,
    `"${COLUMN_ORDER}": không bắt buộc; số thứ tự hiển thị.`,
    'Chỉ khi mọi dòng hợp lệ, danh sách mới được nhập; nếu có lỗi, không dòng nào được nhập.',
  ]) {
    help.addRow([line]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
