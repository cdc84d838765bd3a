import { fold } from './search-text.ts';

/**
 * References found in legal text: "theo quy định tại Điều 23 Luật Khiếu nại", "khoản 2 Điều 10 của Luật Mặt trận
 * Tổ quốc Việt Nam", "Nghị định số 85/2016/NĐ-CP", "Căn cứ Hiến pháp…". Each is a span of the text with its target:
 * a document of the library when one matches (by number, or by title when no other number follows), otherwise the
 * number as written (kept as an unresolved reference).
 */

export type CatalogEntry = { id: string; number: string | null; title: string };

export type Catalog = {
  byNumber: Map<string, CatalogEntry>;
  /** Folded titles, longest first, for prefix matching at "Luật …"/"Bộ luật …"/"Hiến pháp…". */
  titles: { folded: string; entry: CatalogEntry }[];
};

export function normaliseNumber(n: string): string {
  return fold(n).replace(/\s+/g, '').replace(/[.]$/, '');
}

export function buildCatalog(entries: CatalogEntry[]): Catalog {
  const byNumber = new Map<string, CatalogEntry>();
  for (const e of entries) if (e.number) byNumber.set(normaliseNumber(e.number), e);
  const titles = entries
    .map((entry) => ({ folded: fold(entry.title).replace(/\s+/g, ' ').trim(), entry }))
    .sort((a, b) => b.folded.length - a.folded.length);
  return { byNumber, titles };
}

export type Reference = {
  start: number;
  end: number;
  /** The document in the library, or null when it is not (yet) in the library. */
  targetId: string | null;
  /** What the text names: the number, or the title. */
  label: string;
  articleNo: string | null;
  clauseNo: string | null;
  /** The sentence repeals the target ("… hết hiệu lực"): whole, or only some of its provisions. */
  repeal: 'whole' | 'part' | null;
};

const NUMBER = /\b(\d{1,4}\/\d{4}\/[A-ZĐa-zđ0-9][A-ZĐa-zđ0-9-]*[A-ZĐa-zđ0-9])/g;
const TITLE_START = /(Bộ luật|Luật|Hiến pháp)\s/g;
const ARTICLE_BEFORE = /(?:(?:điểm\s+([a-zđ]))\s+)?(?:(?:khoản\s+(\d+))\s+)?Điều\s+(\d+[a-zđ]?)\s+(?:của\s+)?$/i;
const PARTIAL = /(Điều|khoản|điểm|Chương|Mục|quy định|Phần)\b/i;

function sentenceAround(text: string, at: number): { start: number; end: number } {
  let start = at;
  while (start > 0 && !/[.\n;]/.test(text[start - 1]!)) start--;
  let end = at;
  while (end < text.length && !/[.\n]/.test(text[end]!)) end++;
  return { start, end };
}

function repealOf(text: string, at: number): 'whole' | 'part' | null {
  const s = sentenceAround(text, at);
  const sentence = text.slice(s.start, s.end);
  if (!/hết hiệu lực/i.test(sentence)) return null;
  // The part of the clause before the reference says whether only some provisions lapse.
  let clauseStart = at;
  while (clauseStart > s.start && !/[;,:]/.test(text[clauseStart - 1]!)) clauseStart--;
  const lead = text.slice(Math.max(s.start, clauseStart - 120), at);
  const ownClause = text.slice(clauseStart, at);
  // "… đã được sửa đổi, bổ sung theo Luật số 44/2009/QH12 hết hiệu lực": the amending law is named, not repealed.
  if (/\btheo\s*$|\btheo\s+(Luật|Bộ luật)\b[^;]*$/i.test(text.slice(Math.max(s.start, at - 60), at))) return null;
  if (/\b(sửa đổi|bổ sung)\b/i.test(ownClause) && /\btheo\b/i.test(ownClause)) return null;
  if (/^\s*(\d+\.\s*)?(Bộ luật|Luật|Hiến pháp)/i.test(ownClause) && !PARTIAL.test(ownClause)) return 'whole';
  return PARTIAL.test(lead) ? 'part' : 'whole';
}

/** All references in a text, in order, non-overlapping. `selfId` skips references to the text's own document. */
export function findReferences(text: string, catalog: Catalog, selfId?: string): Reference[] {
  const refs: Reference[] = [];
  const folded = fold(text);
  const taken = (a: number, b: number) => refs.some((r) => a < r.end && b > r.start);

  for (const m of text.matchAll(TITLE_START)) {
    const at = m.index;
    const after = folded.slice(at, at + 240);
    if (/^(bo luat|luat) (nay|so|sua doi)\b/.test(after)) continue;
    let hit: { folded: string; entry: CatalogEntry } | undefined;
    for (const t of catalog.titles) {
      if (after.startsWith(t.folded) && !/[a-z0-9]/.test(after.charAt(t.folded.length))) {
        hit = t;
        break;
      }
    }
    if (!hit) continue;
    let end = at + hit.folded.length;
    // "Luật khiếu nại, tố cáo số 09/1998/QH10" is another law: a number right after the name decides.
    const numberAfter = /^[^.;]{0,60}?\bsố\s+(\d{1,4}\/\d{4}\/[A-ZĐa-zđ0-9-]+)/.exec(text.slice(end, end + 90));
    let entry: CatalogEntry | null = hit.entry;
    if (numberAfter) {
      const byNo = catalog.byNumber.get(normaliseNumber(numberAfter[1]!));
      entry = byNo ?? null;
      if (!byNo) continue;
      end = end + numberAfter.index + numberAfter[0].length;
    }
    if (!entry || entry.id === selfId) continue;
    const before = text.slice(Math.max(0, at - 40), at);
    const art = ARTICLE_BEFORE.exec(before);
    const start = art ? at - art[0].length : at;
    if (taken(start, end)) continue;
    refs.push({
      start,
      end,
      targetId: entry.id,
      label: entry.number ?? entry.title,
      articleNo: art ? art[3]!.toLowerCase() : null,
      clauseNo: art?.[2] ?? null,
      repeal: repealOf(text, at),
    });
  }

  for (const m of text.matchAll(NUMBER)) {
    const at = m.index;
    const end = at + m[0].length;
    if (taken(at, end)) continue;
    const entry = catalog.byNumber.get(normaliseNumber(m[1]!)) ?? null;
    if (entry?.id === selfId) continue;
    // Include the kind and "số" before the number in the link text when present ("Nghị định số 85/2016/NĐ-CP").
    const lead =
      /((?:Bộ luật|Luật|Nghị định|Thông tư liên tịch|Thông tư|Nghị quyết|Quyết định|Pháp lệnh)(?:\s+[^\d.;,]{0,60}?)?\s+số\s+|số\s+)$/.exec(
        text.slice(Math.max(0, at - 80), at),
      );
    const start = lead && !taken(at - lead[0].length, at) ? at - lead[0].length : at;
    const art = ARTICLE_BEFORE.exec(text.slice(Math.max(0, start - 40), start));
    refs.push({
      start: art ? start - art[0].length : start,
      end,
      targetId: entry?.id ?? null,
      label: m[1]!,
      articleNo: art ? art[3]!.toLowerCase() : null,
      clauseNo: art?.[2] ?? null,
      repeal: repealOf(text, at),
    });
  }
  return refs.sort((a, b) => a.start - b.start);
}
