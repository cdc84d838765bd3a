import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { recordAudit } from '../../core/audit.ts';
import { authorize } from '../../core/auth/policy.ts';
import type { OrgType, Principal } from '../../core/auth/principal.ts';
import type { Db } from '../../core/db/database.ts';
import { withTransaction } from '../../core/db/transaction.ts';
import { AppError, type FieldError } from '../../core/http/errors.ts';
import { foldVietnamese } from '../../core/i18n/format.ts';
import type { Lang } from '../../core/i18n/language.ts';
import { translate } from '../../core/i18n/messages.ts';
import { findOrgAtUnit, type OrgAtUnit } from './reports.repo.ts';

export type CadreInput = {
  fullName: string;
  gender: string;
  birthYear: number | string;
  ethnicity?: string | null;
  position: string;
  fullTime?: boolean | string | null;
  phone?: string | null;
  partyMember?: boolean | string | null;
  term?: string | null;
};
export type Cadre = {
  id: number;
  fullName: string;
  gender: 'nam' | 'nu' | 'khac';
  birthYear: number;
  ethnicity: string;
  position: string;
  fullTime: boolean;
  phone: string | null;
  partyMember: boolean;
  term: string | null;
  updatedAt: Date;
};
type Clean = Omit<Cadre, 'id' | 'updatedAt'>;

export const CADRE_COLUMNS = [
  'Họ và tên',
  'Giới tính',
  'Năm sinh',
  'Dân tộc',
  'Chức vụ',
  'Chuyên trách',
  'Số điện thoại',
  'Đảng viên',
  'Nhiệm kỳ',
] as const;
export const CADRE_IMPORT_MAX_ROWS = 2000;
const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const COLUMNS = sql`id, full_name AS "fullName", gender, birth_year AS "birthYear", ethnicity, position,
  full_time AS "fullTime", phone, party_member AS "partyMember", term, updated_at AS "updatedAt"`;

function yesNo(v: unknown): boolean | null {
  if (v === true || v === false) return v;
  if (v === null || v === undefined || v === '') return false;
  const f = foldVietnamese(String(v));
  if (['co', 'x', 'yes', 'true', '1', 'dang vien', 'chuyen trach'].includes(f)) return true;
  if (['khong', 'no', 'false', '0'].includes(f)) return false;
  return null;
}

function gender(v: string): Clean['gender'] | null {
  const f = foldVietnamese(v ?? '');
  if (f === 'nam' || f === 'male') return 'nam';
  if (f === 'nu' || f === 'female') return 'nu';
  if (f === 'khac' || f === 'other') return 'khac';
  return null;
}

type RowProblem = { column: string; code: string; params: Record<string, string | number> };

/** Checks one cadre; the problems name their column and say why. */
export function checkCadre(input: CadreInput): { clean: Clean | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const name = String(input.fullName ?? '')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
  if (!name) problems.push({ column: 'fullName', code: 'CADRE_NAME_REQUIRED', params: {} });
  else if (name.length > 120) problems.push({ column: 'fullName', code: 'CADRE_NAME_TOO_LONG', params: {} });
  const g = gender(String(input.gender ?? ''));
  if (!g)
    problems.push({ column: 'gender', code: 'CADRE_GENDER_INVALID', params: { value: String(input.gender ?? '') } });
  const maxYear = new Date().getFullYear() - 14;
  const year = Number(String(input.birthYear ?? '').trim());
  if (!Number.isInteger(year) || year < 1920 || year > maxYear)
    problems.push({
      column: 'birthYear',
      code: 'CADRE_BIRTH_YEAR_INVALID',
      params: { value: String(input.birthYear ?? ''), min: 1920, max: maxYear },
    });
  const position = String(input.position ?? '')
    .normalize('NFC')
    .trim();
  if (!position) problems.push({ column: 'position', code: 'CADRE_POSITION_REQUIRED', params: {} });
  let phone: string | null = String(input.phone ?? '').replace(/[\s.\-()]/g, '');
  if (phone.startsWith('+84')) phone = `0${phone.slice(3)}`;
  if (!phone) phone = null;
  else if (!/^0\d{9}$/.test(phone))
    problems.push({ column: 'phone', code: 'CADRE_PHONE_INVALID', params: { value: String(input.phone) } });
  const fullTime = yesNo(input.fullTime);
  if (fullTime === null)
    problems.push({
      column: 'fullTime',
      code: 'CADRE_YES_NO_INVALID',
      params: { label: 'Chuyên trách', value: String(input.fullTime) },
    });
  const party = yesNo(input.partyMember);
  if (party === null)
    problems.push({
      column: 'partyMember',
      code: 'CADRE_YES_NO_INVALID',
      params: { label: 'Đảng viên', value: String(input.partyMember) },
    });
  if (problems.length) return { clean: null, problems };
  return {
    clean: {
      fullName: name,
      gender: g!,
      birthYear: year,
      ethnicity:
        String(input.ethnicity ?? '')
          .normalize('NFC')
          .trim() || 'Kinh',
      position: position.slice(0, 120),
      fullTime: fullTime!,
      phone,
      partyMember: party!,
      term:
        String(input.term ?? '')
          .trim()
          .slice(0, 40) || null,
    },
    problems,
  };
}

async function locate(db: Db, p: Principal | null, unitCode: string, orgType: OrgType, action: 'view' | 'edit') {
  const org = await findOrgAtUnit(db, unitCode, orgType);
  if (!org) throw new AppError(p ? 'NOT_FOUND' : 'UNAUTHENTICATED');
  authorize(p, action, { unitPath: org.path, orgType });
  return org;
}

/** The cadre list of an organisation. Reading it is audited (names and phones are personal data). */
export async function listCadres(db: Db, p: Principal | null, unitCode: string, orgType: OrgType, q?: string) {
  const org = await locate(db, p, unitCode, orgType, 'view');
  const folded = q ? `%${foldVietnamese(q)}%` : null;
  const { rows } = await sql<Cadre>`SELECT ${COLUMNS} FROM cadre WHERE organisation_id = ${org.organisationId}
      AND removed_at IS NULL ${folded ? sql`AND full_name_folded LIKE ${folded}` : sql``}
    ORDER BY full_time DESC, id`.execute(db);
  await recordAudit(db, {
    actor: p,
    action: 'reports.cadre.list',
    target: { type: 'organisation', id: String(org.organisationId), unitPath: org.path },
    details: { count: rows.length, search: q ? true : undefined },
  });
  return { organisation: org, items: rows.map((r) => ({ ...r, id: Number(r.id) })) };
}

function invalid(problems: RowProblem[], lang: Lang): AppError {
  const fields: FieldError[] = problems.map((x) => ({
    field: x.column,
    code: x.code,
    message: translate(x.code, lang, x.params),
  }));
  return new AppError('CADRE_INVALID', { params: { count: fields.length }, fields });
}

async function insertCadres(trx: Db, org: OrgAtUnit, rows: Clean[], by: string) {
  if (!rows.length) return;
  const col = <K extends keyof Clean>(k: K) => rows.map((r) => r[k]);
  await sql`INSERT INTO cadre (organisation_id, unit_id, unit_path, level, province_code, org_type, full_name, gender,
      birth_year, ethnicity, position, full_time, phone, party_member, term, updated_by)
    SELECT ${org.organisationId}, ${org.unitId}, ${org.path}::ltree, ${org.level}, ${org.provinceCode}, ${org.orgType},
      n, g, y, e, pos, ft, ph, pm, t, ${by}
    FROM unnest(${col('fullName')}::text[], ${col('gender')}::text[], ${col('birthYear')}::int[], ${col('ethnicity')}::text[],
      ${col('position')}::text[], ${col('fullTime')}::boolean[], ${col('phone')}::text[], ${col('partyMember')}::boolean[],
      ${col('term')}::text[]) AS x(n, g, y, e, pos, ft, ph, pm, t)`.execute(trx);
}

export async function addCadre(
  db: Db,
  p: Principal | null,
  unitCode: string,
  orgType: OrgType,
  input: CadreInput,
  lang: Lang,
) {
  const org = await locate(db, p, unitCode, orgType, 'edit');
  const { clean, problems } = checkCadre(input);
  if (!clean) throw invalid(problems, lang);
  return withTransaction(db, async (trx) => {
    await insertCadres(trx as unknown as Db, org, [clean], p!.accountId);
    await recordAudit(trx, {
      actor: p,
      action: 'reports.cadre.create',
      target: { type: 'organisation', id: String(org.organisationId), unitPath: org.path },
      details: { position: clean.position },
    });
  });
}

async function cadreOrg(db: Db, p: Principal | null, id: number) {
  const { rows } = await sql<{
    unitPath: string;
    orgType: OrgType;
    organisationId: number;
  }>`SELECT unit_path::text AS "unitPath",
      org_type AS "orgType", organisation_id AS "organisationId" FROM cadre WHERE id = ${id} AND removed_at IS NULL`.execute(
    db,
  );
  if (!rows[0]) throw new AppError(p ? 'NOT_FOUND' : 'UNAUTHENTICATED');
  authorize(p, 'edit', { unitPath: rows[0].unitPath, orgType: rows[0].orgType });
  return rows[0];
}

export async function updateCadre(db: Db, p: Principal | null, id: number, input: CadreInput, lang: Lang) {
  const c = await cadreOrg(db, p, id);
  const { clean, problems } = checkCadre(input);
  if (!clean) throw invalid(problems, lang);
  await withTransaction(db, async (trx) => {
    await sql`UPDATE cadre SET full_name = ${clean.fullName}, gender = ${clean.gender}, birth_year = ${clean.birthYear},
        ethnicity = ${clean.ethnicity}, position = ${clean.position}, full_time = ${clean.fullTime}, phone = ${clean.phone},
        party_member = ${clean.partyMember}, term = ${clean.term}, updated_at = now(), updated_by = ${p!.accountId}
      WHERE id = ${id}`.execute(trx);
    await recordAudit(trx, {
      actor: p,
      action: 'reports.cadre.update',
      target: { type: 'cadre', id: String(id), unitPath: c.unitPath },
    });
  });
}

export async function removeCadre(db: Db, p: Principal | null, id: number) {
  const c = await cadreOrg(db, p, id);
  await withTransaction(db, async (trx) => {
    await sql`UPDATE cadre SET removed_at = now(), updated_at = now(), updated_by = ${p!.accountId} WHERE id = ${id}`.execute(
      trx,
    );
    await recordAudit(trx, {
      actor: p,
      action: 'reports.cadre.remove',
      target: { type: 'cadre', id: String(id), unitPath: c.unitPath },
    });
  });
}

export type CadreRowError = { row: number; column: string; code: string; message: string };

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return String(v.result ?? '');
    if (v instanceof Date) return String(v.getUTCFullYear());
  }
  return String(v);
}

/**
 * Imports a cadre list from .xlsx: all rows or none, with the list of problems row by row (row numbers as Excel
 * shows them). `replace` swaps the organisation's list for the file's.
 */
export async function importCadres(
  db: Db,
  p: Principal | null,
  unitCode: string,
  orgType: OrgType,
  file: Buffer,
  o: { replace: boolean; lang: Lang },
) {
  const org = await locate(db, p, unitCode, orgType, 'edit');
  if (file.length < 4 || !file.subarray(0, 4).equals(XLSX_MAGIC)) throw new AppError('CADRE_IMPORT_NOT_XLSX');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new AppError('CADRE_IMPORT_NOT_XLSX');
  }
  const ws = wb.worksheets[0];
  if (!ws || ws.actualRowCount < 2) throw new AppError('CADRE_IMPORT_EMPTY');
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).map((v) => foldVietnamese(cellText(v)));
  const index: Record<string, number> = {};
  for (const c of CADRE_COLUMNS) {
    const i = header.indexOf(foldVietnamese(c));
    if (i < 0 && ['Họ và tên', 'Giới tính', 'Năm sinh', 'Chức vụ'].includes(c))
      throw new AppError('CADRE_IMPORT_MISSING_COLUMN', { params: { column: c } });
    index[c] = i;
  }
  if (ws.actualRowCount - 1 > CADRE_IMPORT_MAX_ROWS)
    throw new AppError('CADRE_IMPORT_TOO_MANY_ROWS', { params: { max: CADRE_IMPORT_MAX_ROWS } });
  const clean: Clean[] = [];
  const errors: CadreRowError[] = [];
  const seen = new Map<string, number>();
  const header2col: Record<string, string> = {
    fullName: 'Họ và tên',
    gender: 'Giới tính',
    birthYear: 'Năm sinh',
    position: 'Chức vụ',
    phone: 'Số điện thoại',
    fullTime: 'Chuyên trách',
    partyMember: 'Đảng viên',
  };
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const get = (c: (typeof CADRE_COLUMNS)[number]) =>
      index[c]! >= 0 ? cellText(row.getCell(index[c]!).value).trim() : '';
    if (CADRE_COLUMNS.every((c) => !get(c))) return;
    const { clean: c, problems } = checkCadre({
      fullName: get('Họ và tên'),
      gender: get('Giới tính'),
      birthYear: get('Năm sinh'),
      ethnicity: get('Dân tộc'),
      position: get('Chức vụ'),
      fullTime: get('Chuyên trách'),
      phone: get('Số điện thoại'),
      partyMember: get('Đảng viên'),
      term: get('Nhiệm kỳ'),
    });
    for (const x of problems)
      errors.push({
        row: n,
        column: header2col[x.column] ?? x.column,
        code: x.code,
        message: translate(x.code, o.lang, x.params),
      });
    if (c) {
      const key = `${foldVietnamese(c.fullName)}|${c.birthYear}`;
      const other = seen.get(key);
      if (other)
        errors.push({
          row: n,
          column: 'Họ và tên',
          code: 'CADRE_DUPLICATE_IN_FILE',
          message: translate('CADRE_DUPLICATE_IN_FILE', o.lang, { other }),
        });
      else seen.set(key, n);
      clean.push(c);
    }
  });
  if (errors.length)
    throw new AppError('CADRE_IMPORT_INVALID_ROWS', {
      params: { count: new Set(errors.map((e) => e.row)).size },
      details: { rows: errors },
    });
  if (!clean.length) throw new AppError('CADRE_IMPORT_EMPTY');
  await withTransaction(db, async (trx) => {
    if (o.replace)
      await sql`UPDATE cadre SET removed_at = now(), updated_by = ${p!.accountId}
        WHERE organisation_id = ${org.organisationId} AND removed_at IS NULL`.execute(trx);
    await insertCadres(trx as unknown as Db, org, clean, p!.accountId);
    await recordAudit(trx, {
      actor: p,
      action: 'reports.cadre.import',
      target: { type: 'organisation', id: String(org.organisationId), unitPath: org.path },
      details: { rows: clean.length, replace: o.replace },
    });
  });
  return { imported: clean.length };
}

/** The cadre list as .xlsx (same columns as the import). Audited as an export of personal data. */
export async function exportCadres(db: Db, p: Principal | null, unitCode: string, orgType: OrgType): Promise<Buffer> {
  const { organisation, items } = await listCadres(db, p, unitCode, orgType);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mặt trận số';
  // Header in row 1, same columns as the import, so an exported list can be edited and imported back.
  const ws = wb.addWorksheet('Danh sách cán bộ');
  wb.title = `Danh sách cán bộ — ${organisation.organisationName}`;
  for (const sheet of [ws]) {
    const h = sheet.addRow([...CADRE_COLUMNS]);
    h.font = { bold: true };
    for (const c of items)
      sheet.addRow([
        c.fullName,
        c.gender === 'nam' ? 'Nam' : c.gender === 'nu' ? 'Nữ' : 'Khác',
        c.birthYear,
        c.ethnicity,
        c.position,
        c.fullTime ? 'Có' : 'Không',
        c.phone ?? '',
        c.partyMember ? 'Có' : 'Không',
        c.term ?? '',
      ]);
    sheet.columns.forEach((col, i) => {
      col.width = [28, 10, 10, 12, 24, 12, 14, 10, 12][i];
    });
  }
  await recordAudit(db, {
    actor: p,
    action: 'reports.cadre.export',
    target: { type: 'organisation', id: String(organisation.organisationId), unitPath: organisation.path },
    details: { rows: items.length },
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An empty import template. */
export async function cadreTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách cán bộ');
  ws.addRow([...CADRE_COLUMNS]).font = { bold: true };
  ws.addRow(['Nguyễn Thị Hoa', 'Nữ', 1985, 'Kinh', 'Chủ tịch', 'Có', '0912345678', 'Có', '2024–2029']);
  ws.columns.forEach((col, i) => {
    col.width = [28, 10, 10, 12, 24, 12, 14, 10, 12][i];
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
