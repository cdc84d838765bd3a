import ExcelJS from 'exceljs';
import { ORG_CHOICES, ROLE_CHOICES } from '../../../web/identity/labels.ts';
import { ORG_TYPES, type OrgType, ROLES, type Role } from '../../core/auth/principal.ts';
import { AppError } from '../../core/http/errors.ts';
import { foldVietnamese } from '../../core/i18n/format.ts';
import type { NewAccount } from './accounts.service.ts';

export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 2000;

export const COLUMNS = [
  'Họ và tên',
  'Tên đăng nhập',
  'Thư điện tử',
  'Số điện thoại',
  'Mã đơn vị',
  'Tổ chức',
  'Vai trò',
] as const;

/** An organisation typed as its code or its Vietnamese/English name, with or without tone marks. */
export function parseOrgType(raw: string): OrgType | null {
  const f = foldVietnamese(raw.trim());
  if (!f) return 'front';
  if ((ORG_TYPES as readonly string[]).includes(raw.trim())) return raw.trim() as OrgType;
  const hit = ORG_CHOICES.find(
    (o) => foldVietnamese(o.name.vi) === f || foldVietnamese(o.name.en) === f || f.includes(foldVietnamese(o.name.vi)),
  );
  if (hit) return hit.code;
  if (/mat tran/.test(f)) return 'front';
  if (/cong doan|lao dong/.test(f)) return 'trade_union';
  if (/doan|thanh nien/.test(f)) return 'youth_union';
  if (/phu nu/.test(f)) return 'womens_union';
  if (/nong dan/.test(f)) return 'farmers_union';
  if (/cuu chien binh/.test(f)) return 'veterans';
  return null;
}

/** Roles separated by commas or semicolons, as codes or as the names the pages show. */
export function parseRoles(raw: string): Role[] | null {
  const parts = raw
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: Role[] = [];
  for (const p of parts) {
    if ((ROLES as readonly string[]).includes(p)) {
      out.push(p as Role);
      continue;
    }
    const f = foldVietnamese(p);
    const hit = ROLE_CHOICES.find((r) => foldVietnamese(r.name.vi) === f || foldVietnamese(r.name.en) === f);
    if (!hit) return null;
    out.push(hit.code);
  }
  return [...new Set(out)];
}

const cellText = (v: ExcelJS.CellValue): string => {
  if (v == null) return '';
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return String(v.result ?? '');
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
  }
  return String(v);
};

/** Reads the cadre list; every row with a problem is reported by its sheet row number. */
export async function readAccountSheet(buf: Buffer, lang: 'vi' | 'en') {
  const errors: { row: number; message: string }[] = [];
  const rows: { row: number; input: NewAccount }[] = [];
  if (buf.subarray(0, 4).toString('hex') !== '504b0304') throw new AppError('IMPORT_WRONG_FILE_TYPE');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_WRONG_FILE_TYPE');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('IMPORT_WRONG_FILE_TYPE');
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map((v) => foldVietnamese(cellText(v)));
  const col = (name: string) => header.indexOf(foldVietnamese(name)) + 1;
  const cols = COLUMNS.map(col);
  if (cols[0]! < 1 || cols[1]! < 1 || cols[4]! < 1) {
    return {
      rows,
      errors: [
        {
          row: 1,
          message:
            lang === 'vi'
              ? `Thiếu cột bắt buộc: ${COLUMNS[0]}, ${COLUMNS[1]}, ${COLUMNS[4]}.`
              : `Missing required columns: ${COLUMNS[0]}, ${COLUMNS[1]}, ${COLUMNS[4]}.`,
        },
      ],
    };
  }
  const get = (r: ExcelJS.Row, i: number) => (cols[i]! > 0 ? cellText(r.getCell(cols[i]!).value).trim() : '');
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const values = COLUMNS.map((_, i) => get(r, i));
    if (values.every((v) => !v)) return;
    if (rows.length + errors.length >= IMPORT_MAX_ROWS) return;
    const [displayName, username, email, phone, unitCode, org, roleText] = values as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const orgType = parseOrgType(org);
    const roles = parseRoles(roleText || 'viewer');
    const problems: string[] = [];
    if (!displayName) problems.push(lang === 'vi' ? 'thiếu họ và tên' : 'missing name');
    if (!username) problems.push(lang === 'vi' ? 'thiếu tên đăng nhập' : 'missing username');
    if (!unitCode) problems.push(lang === 'vi' ? 'thiếu mã đơn vị' : 'missing unit code');
    if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
      problems.push(lang === 'vi' ? `thư điện tử "${email}" không hợp lệ` : `invalid e-mail "${email}"`);
    if (phone && !/^\+?[0-9 .-]{9,15}$/.test(phone))
      problems.push(lang === 'vi' ? `số điện thoại "${phone}" không hợp lệ` : `invalid phone "${phone}"`);
    if (!orgType) problems.push(lang === 'vi' ? `không nhận ra tổ chức "${org}"` : `unknown organisation "${org}"`);
    if (!roles?.length)
      problems.push(lang === 'vi' ? `không nhận ra vai trò "${roleText}"` : `unknown role "${roleText}"`);
    if (problems.length) {
      errors.push({ row: n, message: problems.join('; ') });
      return;
    }
    rows.push({
      row: n,
      input: {
        displayName,
        username,
        email: email || null,
        phone: phone || null,
        unitCode,
        orgType: orgType!,
        roles: roles!,
      },
    });
  });
  if (!rows.length && !errors.length)
    errors.push({ row: 2, message: lang === 'vi' ? 'Tệp không có dòng nào.' : 'The file has no rows.' });
  return { rows, errors };
}

export async function buildImportTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Tài khoản');
  ws.addRow([...COLUMNS]);
  ws.addRow([
    'Nguyễn Thị Lan',
    'lan.nt.badinh',
    'lan.nt@example.vn',
    '0912345678',
    '00004',
    'Mặt trận Tổ quốc Việt Nam',
    'Nhập liệu, Chỉ xem',
  ]);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((c) => {
    c.width = 24;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
