import type { Kysely } from 'kysely';
import type { Principal } from '../../core/auth/principal.ts';
import type { TestApp } from '../../core/testing/app.ts';
import { sessionHeaders } from '../../core/testing/auth.ts';
import { importLibrary } from './corpus-import.ts';

/** The documents the tests load: the Front's laws, complaints and its neighbours, both Emulation laws, BHXH. */
export const TEST_DOCUMENTS = [
  '02-2011-qh13', // Luật khiếu nại (partly expired: Chương V repealed by 42/2013/QH13)
  '42-2013-qh13', // Luật tiếp công dân
  '25-2018-qh14', // Luật Tố cáo
  '75-2015-qh13', // Luật Mặt trận Tổ quốc Việt Nam
  '93-2015-qh13', // Luật Tố tụng hành chính (referred to by Luật khiếu nại)
  '15-2003-qh11', // Luật Thi đua, khen thưởng 2003 (replaced)
  '06-2022-qh15', // Luật Thi đua, khen thưởng 2022
  '58-2014-qh13', // Luật bảo hiểm xã hội
  '35-2013-qh13', // Luật hòa giải ở cơ sở
  '77-2015-qh13', // Luật tổ chức chính quyền địa phương
  'hien-phap-2013',
];
export const TEST_PROCEDURES = ['1.000178', '1.003504', '1.001613', '2.000592', '1.000771'];

export async function loadTestLibrary(t: TestApp) {
  return importLibrary(t.database.db as unknown as Kysely<unknown>, {
    documents: TEST_DOCUMENTS,
    procedures: TEST_PROCEDURES,
  });
}

type Who = Partial<Principal> & Pick<Principal, 'unitPath' | 'unitCode' | 'unitLevel'>;
export const centralLibrarian: Who = { unitCode: 'VN', unitPath: 'vn', unitLevel: 'central', roles: ['librarian'] };
export const provinceLibrarian = (code: string): Who => ({
  unitCode: code,
  unitPath: `vn.${code}`,
  unitLevel: 'province',
  roles: ['librarian'],
});
export const signIn = (t: TestApp, who: Who) => sessionHeaders(t.database.db, who);

export async function multipartFile(content: Buffer | string, filename: string, type = 'application/octet-stream') {
  const form = new FormData();
  form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type }), filename);
  const res = new Response(form);
  return {
    payload: Buffer.from(await res.arrayBuffer()),
    headers: { 'content-type': res.headers.get('content-type')! },
  };
}
