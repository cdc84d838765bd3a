/** Facts read from a law's own text: when it takes effect, and its clauses and points for stable addresses. */

const EFFECTIVE =
  /có hiệu lực(?: thi hành)?(?: kể)? từ ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})|có hiệu lực(?: thi hành)?(?: kể)? từ ngày (\d{1,2})\/(\d{1,2})\/(\d{4})/i;

/** The date a law takes effect, from its "Hiệu lực thi hành" article (searched from the end). */
export function effectiveDateOf(articles: { heading: string; body: string }[]): string | null {
  for (let i = articles.length - 1; i >= Math.max(0, articles.length - 6); i--) {
    const m = EFFECTIVE.exec(articles[i]!.body);
    if (m) {
      const [d, mo, y] = m[1] ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
      const iso = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
      return Number.isNaN(Date.parse(iso)) ? null : iso;
    }
  }
  return null;
}

export type Clause = { no: string; text: string; points: { letter: string; text: string }[] };

/**
 * An article's body as numbered clauses ("1. …") with lettered points ("a) …"); text before the first clause is
 * the lead. Addresses: /dieu-10/khoan-2/diem-a.
 */
export function clausesOf(body: string): { lead: string[]; clauses: Clause[] } {
  const lead: string[] = [];
  const clauses: Clause[] = [];
  for (const line of body.split('\n')) {
    const c = /^\s*(\d{1,3})\.\s+(.*)$/.exec(line);
    const p = /^\s*([a-zđ])\)\s+(.*)$/.exec(line);
    const current = clauses[clauses.length - 1];
    if (c && (!current || Number(c[1]) === Number(current.no) + 1 || (!current && c[1] === '1'))) {
      clauses.push({ no: c[1]!, text: c[2]!, points: [] });
    } else if (p && current) {
      current.points.push({ letter: p[1]!, text: p[2]! });
    } else if (current) {
      const lastPoint = current.points[current.points.length - 1];
      if (lastPoint) lastPoint.text += `\n${line}`;
      else current.text += `\n${line}`;
    } else lead.push(line);
  }
  return { lead, clauses };
}

/** "Điều 10. Tên điều" → "Tên điều" (the heading without its number). */
export function articleName(heading: string): string {
  return heading.replace(/^Điều\s+\S+?\.?\s+/, '').trim();
}

/** Slug of a document number, as the corpus does: 75/2015/QH13 → 75-2015-qh13. */
export function slugOfNumber(number: string): string {
  return number
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
