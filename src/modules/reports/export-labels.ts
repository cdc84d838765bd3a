import type { OrgType } from '../../core/auth/principal.ts';

export const ORG_LABEL: Record<OrgType | 'all', string> = {
  all: 'Tổng hợp',
  front: 'Mặt trận Tổ quốc',
  trade_union: 'Công đoàn',
  youth_union: 'Đoàn Thanh niên',
  womens_union: 'Hội Liên hiệp Phụ nữ',
  farmers_union: 'Hội Nông dân',
  veterans: 'Hội Cựu chiến binh',
};

/** The issuing body's two lines in the top-left of a Decree 30 document (the level above, then the body). */
export function issuingBody(level: string, unitName: string): [string, string] {
  if (level === 'central') return ['MẶT TRẬN TỔ QUỐC VIỆT NAM', 'ỦY BAN TRUNG ƯƠNG'];
  const upper = level === 'province' ? 'ỦY BAN TRUNG ƯƠNG MTTQ VIỆT NAM' : 'ỦY BAN MTTQ VIỆT NAM';
  return [upper, `ỦY BAN MTTQ VIỆT NAM ${unitName.toUpperCase()}`];
}

/** "Hà Nội, ngày 25 tháng 11 năm 2026" (place from the unit's name). */
export function placeAndDate(place: string, d = new Date()): string {
  const local = new Date(d.getTime() + 7 * 3600_000);
  const day = local.getUTCDate();
  const month = local.getUTCMonth() + 1;
  return `${place}, ngày ${String(day).padStart(2, '0')} tháng ${month < 3 ? String(month).padStart(2, '0') : month} năm ${local.getUTCFullYear()}`;
}

export function placeOf(unitName: string): string {
  return unitName.replace(/^(tỉnh|thành phố|xã|phường|đặc khu|Tỉnh|Thành phố|Xã|Phường|Đặc khu)\s+/u, '');
}
