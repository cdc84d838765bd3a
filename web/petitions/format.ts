// Formatters are built once: constructing an Intl formatter (time zone data, locale) cost more than a whole kept
// page's request, and a case page formats several dates.
const VN_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const COUNT = { vi: new Intl.NumberFormat('vi-VN'), en: new Intl.NumberFormat('en-GB') };

/** dd/mm/yyyy in Vietnam's time zone, the same on the server and in the browser (hydration must match). */
export function vnDate(iso: string | null): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso.split('-').reverse().join('/');
  return VN_DATE.format(new Date(iso));
}

export function fill(s: string, params: Record<string, string | number>): string {
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

export function count(n: number, lang: 'vi' | 'en'): string {
  return COUNT[lang === 'vi' ? 'vi' : 'en'].format(n);
}
