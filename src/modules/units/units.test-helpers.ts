import ExcelJS from 'exceljs';
import type { Principal } from '../../core/auth/principal.ts';
import type { TestApp } from '../../core/testing/app.ts';
import { sessionHeaders } from '../../core/testing/auth.ts';

/** A multipart body with one file, as a browser form would send it. */
export async function multipartFile(
  content: Buffer | string,
  filename: string,
  type = 'application/octet-stream',
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type }), filename);
  const res = new Response(form);
  return {
    payload: Buffer.from(await res.arrayBuffer()),
    headers: { 'content-type': res.headers.get('content-type')! },
  };
}

export async function xlsxOf(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách thôn');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type Who = Partial<Principal> & Pick<Principal, 'unitPath' | 'unitCode' | 'unitLevel'>;

export const communeFront = (code: string, province: string, extra: Partial<Principal> = {}): Who => ({
  unitCode: code,
  unitPath: `vn.${province}.${code}`,
  unitLevel: 'commune',
  orgType: 'front',
  roles: ['data_entry'],
  ...extra,
});

export const centralAdmin: Who = { unitCode: 'VN', unitPath: 'vn', unitLevel: 'central', roles: ['admin'] };

export function signIn(t: TestApp, who: Who) {
  return sessionHeaders(t.database.db, who);
}
