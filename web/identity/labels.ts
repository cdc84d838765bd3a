import type { OrgType, Role } from '../../src/core/auth/principal.ts';
import type { Localized } from '../shared/i18n.ts';

/** The Front and the five socio-political organisations, in the order the Front lists them (GLOSSARY.md). */
export const ORG_CHOICES: { code: OrgType; name: Localized }[] = [
  { code: 'front', name: { vi: 'Mặt trận Tổ quốc Việt Nam', en: 'Vietnam Fatherland Front' } },
  { code: 'trade_union', name: { vi: 'Công đoàn', en: 'Trade Union' } },
  {
    code: 'youth_union',
    name: { vi: 'Đoàn Thanh niên Cộng sản Hồ Chí Minh', en: 'Ho Chi Minh Communist Youth Union' },
  },
  { code: 'womens_union', name: { vi: 'Hội Liên hiệp Phụ nữ Việt Nam', en: "Vietnam Women's Union" } },
  { code: 'farmers_union', name: { vi: 'Hội Nông dân Việt Nam', en: "Vietnam Farmers' Union" } },
  { code: 'veterans', name: { vi: 'Hội Cựu chiến binh Việt Nam', en: "Vietnam Veterans' Association" } },
];

/** What each role lets a cadre do, in words a cadre uses. */
export const ROLE_CHOICES: { code: Role; name: Localized }[] = [
  { code: 'data_entry', name: { vi: 'Nhập liệu', en: 'Data entry' } },
  { code: 'approver', name: { vi: 'Duyệt báo cáo', en: 'Approve reports' } },
  { code: 'admin', name: { vi: 'Quản trị', en: 'Administrator' } },
  { code: 'viewer', name: { vi: 'Chỉ xem', en: 'Read only' } },
  { code: 'petition_handler', name: { vi: 'Xử lý phản ánh, kiến nghị', en: 'Handle petitions' } },
  { code: 'auditor', name: { vi: 'Kiểm tra, giám sát', en: 'Auditor' } },
  { code: 'authority', name: { vi: 'Cơ quan có thẩm quyền', en: 'Competent authority' } },
  { code: 'librarian', name: { vi: 'Quản lý thư viện', en: 'Librarian' } },
];

export function orgLabel(code: string, lang: 'vi' | 'en'): string {
  return ORG_CHOICES.find((o) => o.code === code)?.name[lang] ?? code;
}

export function roleLabel(code: string, lang: 'vi' | 'en'): string {
  return ROLE_CHOICES.find((r) => r.code === code)?.name[lang] ?? code;
}
