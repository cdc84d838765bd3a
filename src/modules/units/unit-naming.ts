import { ORG_TYPES, type OrgType, type UnitLevel } from '../../core/auth/principal.ts';
import { foldVietnamese } from '../../core/i18n/format.ts';

/** Central's code and path: the root of every path (`vn.01.00004.0001`). Codes are strings everywhere. */
export const CENTRAL_CODE = 'VN';
export const CENTRAL_PATH = 'vn';
/** The date of the 2025 reform the reference data starts from (Decision 19/2025/QĐ-TTg). */
export const BASELINE_DATE = '2025-07-01';

export const PROVINCE_TYPES = ['tỉnh', 'thành phố'] as const;
export const COMMUNE_TYPES = ['xã', 'phường', 'đặc khu'] as const;
/** What communes call their villages and residential groups across the country. */
export const VILLAGE_TYPES = [
  'thôn',
  'xóm',
  'bản',
  'ấp',
  'buôn',
  'làng',
  'plei',
  'sóc',
  'tổ dân phố',
  'khu phố',
  'khóm',
  'khối',
  'khu dân cư',
] as const;
export type VillageType = (typeof VILLAGE_TYPES)[number];

export const TYPES_BY_LEVEL: Record<UnitLevel, readonly string[]> = {
  central: ['trung ương'],
  province: PROVINCE_TYPES,
  commune: COMMUNE_TYPES,
  village: VILLAGE_TYPES,
};

export const VILLAGE_NAME_MAX = 100;

/** Every organisation exists at every level except the Trade Union, which is not organised at village level. */
export function orgTypesAt(level: UnitLevel): OrgType[] {
  return level === 'village' ? ORG_TYPES.filter((t) => t !== 'trade_union') : [...ORG_TYPES];
}

/** "Phường Hoàn Kiếm", "Đặc khu Phú Quốc", "Thành phố Hà Nội"; Central is just "Trung ương". */
export function fullUnitName(type: string, name: string): string {
  if (type === 'trung ương') return name;
  return `${type.charAt(0).toLocaleUpperCase('vi')}${type.slice(1)} ${name}`;
}

/** NFC, trimmed, inner whitespace collapsed: the form every stored name takes. */
export function normaliseName(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Matches a typed village type ("Thôn", "TO DAN PHO") to its canonical form. */
export function matchVillageType(raw: string): VillageType | null {
  const folded = foldVietnamese(raw);
  return VILLAGE_TYPES.find((t) => foldVietnamese(t) === folded) ?? null;
}

/** "Thôn Đông" typed as the name of a thôn becomes "Đông", so the full name is not "Thôn Thôn Đông". */
export function stripTypePrefix(name: string, type: string): string {
  const prefix = `${foldVietnamese(type)} `;
  return foldVietnamese(name).startsWith(prefix) && name.length > prefix.length
    ? name.slice(prefix.length).trim()
    : name;
}

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * Today's date in Vietnam, the default "as of" of every read. Vietnam keeps UTC+7 all year (no daylight
 * saving), so plain arithmetic gives the date; Intl.DateTimeFormat cost 7% of a request's CPU.
 */
export function todayInVietnam(now = Date.now()): string {
  return new Date(now + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}
