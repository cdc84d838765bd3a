import type { Localized } from '../shared/i18n.ts';

export const staffText = {
  vi: {
    shellName: 'Quản trị',
    staffNav: 'Điều hướng quản trị',
    account: 'Tài khoản',
    roles: 'Vai trò',
    signOut: 'Đăng xuất',
    publicSite: 'Trang công khai',
    overview: 'Tổng quan',
    units: 'Đơn vị',
    villages: 'Thôn, tổ dân phố',
    adoption: 'Tiến độ lập danh sách thôn',
    reports: 'Báo cáo tuần',
    petitions: 'Phản ánh, kiến nghị',
    library: 'Thư viện (biên tập)',
    accounts: 'Tài khoản',
    audit: 'Nhật ký',
    comingSoon: 'sắp triển khai',
    apps: 'Ứng dụng',
    footer: 'Mặt trận số — khu vực dành cho cán bộ. Mọi thao tác đều được ghi nhật ký.',
  },
  en: {
    shellName: 'Staff',
    staffNav: 'Staff navigation',
    account: 'Account',
    roles: 'Roles',
    signOut: 'Sign out',
    publicSite: 'Public site',
    overview: 'Overview',
    units: 'Units',
    villages: 'Villages and residential groups',
    adoption: 'Village list progress',
    reports: 'Weekly reports',
    petitions: 'Petitions',
    library: 'Library (editing)',
    accounts: 'Accounts',
    audit: 'Audit log',
    comingSoon: 'coming soon',
    apps: 'Apps',
    footer: 'Digital Front — staff area. Every action is recorded in the audit log.',
  },
} satisfies Localized<Record<string, string>>;

export type StaffText = (typeof staffText)['vi'];

/** The apps of the platform for cadres; those not built yet are shown as coming. */
export const staffApps: { code: string; href: string; built: boolean; name: Localized }[] = [
  {
    code: 'reports',
    href: '/bao-cao',
    built: true,
    name: { vi: 'Cơ sở dữ liệu (CSDL)', en: 'Organisational database' },
  },
  {
    code: 'petitions',
    href: '/quan-tri/phan-anh',
    built: true,
    name: { vi: 'Phản ánh, kiến nghị (PAKN)', en: 'Petitions' },
  },
  { code: 'library', href: '/thu-vien', built: true, name: { vi: 'Thư viện số', en: 'Digital library' } },
  { code: 'assistant', href: '/tro-ly-ao', built: false, name: { vi: 'Trợ lý ảo', en: 'Virtual assistant' } },
  { code: 'congress', href: '/dai-hoi', built: false, name: { vi: 'Đại hội', en: 'Congresses' } },
  { code: 'members', href: '/hoi-vien', built: false, name: { vi: 'Hội viên, đoàn viên', en: 'Members' } },
];
