/** The two interface languages. Vietnamese is primary; every UI string exists in both. */
export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'vi';

export type Localized<T = string> = Record<Lang, T>;

export function isLang(v: unknown): v is Lang {
  return v === 'vi' || v === 'en';
}

/** Strings of the shared layout (header, footer, language switch). Pages keep their own text beside them. */
export const layoutText = {
  vi: {
    brand: 'Mặt trận số',
    brandTagline: 'Mặt trận Tổ quốc Việt Nam',
    skipToContent: 'Bỏ qua, đến nội dung chính',
    mainNav: 'Điều hướng chính',
    home: 'Trang chủ',
    staffSignIn: 'Đăng nhập cán bộ',
    switchLanguage: 'English',
    switchLanguageLabel: 'Xem bằng tiếng Anh',
    footerOrg: 'Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam',
    footerAbout: 'Mặt trận số — nền tảng số của Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội.',
    footerAttribution: 'Cơ quan chủ quản: Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam.',
    footerLinks: 'Liên kết',
  },
  en: {
    brand: 'Digital Front',
    brandTagline: 'Vietnam Fatherland Front',
    skipToContent: 'Skip to main content',
    mainNav: 'Main navigation',
    home: 'Home',
    staffSignIn: 'Staff sign in',
    switchLanguage: 'Tiếng Việt',
    switchLanguageLabel: 'View in Vietnamese',
    footerOrg: 'Central Committee of the Vietnam Fatherland Front',
    footerAbout:
      'Mặt trận số (Digital Front) — the digital platform of the Vietnam Fatherland Front and its socio-political organisations.',
    footerAttribution: 'Operated by the Central Committee of the Vietnam Fatherland Front.',
    footerLinks: 'Links',
  },
} satisfies Localized<Record<string, string>>;

export type LayoutText = (typeof layoutText)['vi'];

/** The site name used in every page title. */
export const siteName: Localized = { vi: 'Mặt trận số', en: 'Digital Front (Mặt trận số)' };
