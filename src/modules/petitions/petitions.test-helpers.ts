import sharp from 'sharp';
import type { Principal } from '../../core/auth/principal.ts';
import type { TestApp } from '../../core/testing/app.ts';
import { sessionHeaders } from '../../core/testing/auth.ts';

/** A multipart body as a browser form sends it: text fields and files. */
export async function multipartBody(
  fields: Record<string, string>,
  files: { name?: string; filename: string; content: Buffer | string; type?: string }[] = [],
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files)
    form.append(
      f.name ?? 'files',
      new Blob([typeof f.content === 'string' ? f.content : new Uint8Array(f.content)], {
        type: f.type ?? 'application/octet-stream',
      }),
      f.filename,
    );
  const res = new Response(form);
  return {
    payload: Buffer.from(await res.arrayBuffer()),
    headers: { 'content-type': res.headers.get('content-type')! },
  };
}

let phoneSeq = 0;
/** A distinct valid mobile number per call, so the per-phone limit does not interfere between tests. */
export function nextPhone(): string {
  phoneSeq++;
  return `091${String((process.pid * 7919 + phoneSeq * 104_729) % 10_000_000).padStart(7, '0')}`;
}

export function validFields(over: Record<string, string> = {}): Record<string, string> {
  return {
    unit: '00004',
    category: 'moi_truong',
    title: 'Rác thải tập kết sai nơi quy định ở ngõ 12',
    content: 'Nhiều ngày nay rác thải sinh hoạt bị đổ ở đầu ngõ 12, bốc mùi hôi, đề nghị xử lý và bố trí điểm tập kết.',
    address: 'Ngõ 12 phố Đội Cấn',
    name: 'Nguyễn Văn An',
    phone: nextPhone(),
    email: 'an.nguyen@example.vn',
    consent: 'on',
    ...over,
  };
}

/** A JPEG photo with EXIF including a GPS block (as a phone camera writes it). */
export async function jpegWithGps(width = 800, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3a7' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 2/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 50/1 0/1' },
    })
    .toBuffer();
}

/** Does an EXIF block carry a GPS IFD pointer (tag 0x8825)? */
export function hasGpsPointer(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  for (let i = 0; i < exif.length - 1; i++) {
    if ((exif[i] === 0x88 && exif[i + 1] === 0x25) || (exif[i] === 0x25 && exif[i + 1] === 0x88)) return true;
  }
  return false;
}

/** A small real PNG whose header is rewritten to claim 30,000 × 30,000 pixels (a "pixel flood"). */
export async function pixelFloodPng(): Promise<Buffer> {
  const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  const out = Buffer.from(png);
  // IHDR data starts at byte 16: width, height (big-endian); its CRC follows the 13 data bytes.
  out.writeUInt32BE(30_000, 16);
  out.writeUInt32BE(30_000, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)), 29);
  return out;
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** A minimal valid one-page PDF. */
export function tinyPdf(extra = ''): Buffer {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] ${extra}>>`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

type Who = Partial<Principal> & Pick<Principal, 'unitPath' | 'unitCode' | 'unitLevel'>;

export const handlerAt = (code: string, province: string, extra: Partial<Principal> = {}): Who => ({
  unitCode: code,
  unitPath: `vn.${province}.${code}`,
  unitLevel: 'commune',
  orgType: 'front',
  roles: ['petition_handler'],
  displayName: `Cán bộ ${code}`,
  ...extra,
});

export const provinceHandler = (province: string): Who => ({
  unitCode: province,
  unitPath: `vn.${province}`,
  unitLevel: 'province',
  orgType: 'front',
  roles: ['petition_handler'],
  displayName: `Cán bộ tỉnh ${province}`,
});

export const authorityAt = (code: string, province: string): Who => ({
  unitCode: code,
  unitPath: `vn.${province}.${code}`,
  unitLevel: 'commune',
  orgType: 'front',
  roles: ['authority'],
  displayName: `UBND ${code}`,
});

export function signIn(t: TestApp, who: Who) {
  return sessionHeaders(t.database.db, who);
}

let ipSeq = 0;
/** Submits through the public API; returns the JSON answer (id, code). */
export async function submitCase(
  t: TestApp,
  over: Record<string, string> = {},
  files: Parameters<typeof multipartBody>[1] = [],
  ip = `10.2.${(++ipSeq >> 8) & 255}.${ipSeq & 255}`,
): Promise<{ id: number; code: string }> {
  const body = await multipartBody(validFields(over), files);
  const res = await t.app.inject({ method: 'POST', url: '/api/petitions', ...body, remoteAddress: ip });
  if (res.statusCode !== 201) throw new Error(`submit failed ${res.statusCode} ${res.body}`);
  return res.json();
}

let accountSeq = 0;
/**
 * A real staff account (as identity stores it) and a session for it: what linking to a directory entry and the
 * overdue reminders need (they read the account table).
 */
export async function staffAccount(
  t: TestApp,
  who: Who,
  contact: { email?: string | null; phone?: string | null } = {},
): Promise<{ id: string; headers: Record<string, string> }> {
  accountSeq++;
  const username = `pakn.${process.pid}.${accountSeq}`;
  const { rows } = await t.database.pool.query(
    `INSERT INTO account (kind, username, display_name, unit_code, unit_path, unit_level, org_type, roles, email, phone)
     VALUES ('staff', $1, $2, $3, $4::ltree, $5, $6, $7, $8, $9) RETURNING id::text AS id`,
    [
      username,
      who.displayName ?? username,
      who.unitCode,
      who.unitPath,
      who.unitLevel,
      who.orgType ?? 'front',
      who.roles ?? ['authority'],
      contact.email ?? null,
      contact.phone ?? null,
    ],
  );
  const id = rows[0].id as string;
  return { id, headers: await signIn(t, { ...who, accountId: id }) };
}

/** The id of a unit's seeded directory entry whose name starts with the prefix. */
export async function seededAuthority(t: TestApp, unitCode: string, prefix = 'Ủy ban nhân dân'): Promise<number> {
  const { rows } = await t.database.pool.query(
    `SELECT id FROM petition_authority WHERE unit_code = $1 AND name LIKE $2 ORDER BY id LIMIT 1`,
    [unitCode, `${prefix}%`],
  );
  return Number(rows[0].id);
}

/** Links an account to a directory entry through the API, as the unit's handler would. */
export async function linkAccountAs(
  t: TestApp,
  headers: Record<string, string>,
  authorityId: number,
  accountId: string,
) {
  return t.app.inject({
    method: 'POST',
    url: `/api/petitions/authorities/${authorityId}/accounts`,
    payload: { accountId },
    headers,
  });
}
