import type { Lang } from '../shared/i18n.ts';

export const ORG_NAMES: Record<Lang, Record<string, string>> = {
  vi: {
    all: 'Tổng hợp',
    front: 'Mặt trận',
    trade_union: 'Công đoàn',
    youth_union: 'Đoàn Thanh niên',
    womens_union: 'Hội Phụ nữ',
    farmers_union: 'Hội Nông dân',
    veterans: 'Hội Cựu chiến binh',
  },
  en: {
    all: 'Consolidated',
    front: 'Front',
    trade_union: 'Trade Union',
    youth_union: 'Youth Union',
    womens_union: "Women's Union",
    farmers_union: "Farmers' Union",
    veterans: 'Veterans',
  },
};

export const STATUS_NAMES: Record<Lang, Record<string, string>> = {
  vi: { none: 'Chưa lập', draft: 'Nháp', submitted: 'Đã gửi', accepted: 'Đã tiếp nhận', returned: 'Bị trả lại' },
  en: { none: 'Not started', draft: 'Draft', submitted: 'Submitted', accepted: 'Accepted', returned: 'Returned' },
};

export function fmtNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n);
}

export function fmtPercent(r: number, lang: Lang): string {
  return `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(r * 100)}%`;
}

/** 23/11/2026 12:00 in Vietnam time. */
export function fmtInstant(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString();
  return `${d.slice(11, 16)} ${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

/** "Tuần 47 (16/11–22/11/2026)" from 2026-W47. */
export function weekText(week: string, lang: Lang): string {
  const year = Number(week.slice(0, 4));
  const n = Number(week.slice(6));
  const jan4 = Date.UTC(year, 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000 + (n - 1) * 7 * 86_400_000;
  const s = new Date(monday).toISOString();
  const e = new Date(monday + 6 * 86_400_000).toISOString();
  return `${lang === 'vi' ? 'Tuần' : 'Week'} ${n} (${s.slice(8, 10)}/${s.slice(5, 7)}–${e.slice(8, 10)}/${e.slice(5, 7)}/${e.slice(0, 4)})`;
}
