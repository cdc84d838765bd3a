import type { ArticleBlock, DocSummary, TextPart } from '../../../web/library/library-types.ts';
import { clausesOf } from './document-text.ts';
import type { Article, LibraryDocument } from './library.types.ts';
import { type Catalog, findReferences } from './references.ts';

/** Turns stored text into what the pages show: blocks with stable anchors and references as links. */

const INTERNAL =
  /(?:(?:điểm\s+([a-zđ])\s+)?khoản\s+(\d+)\s+)?Điều\s+(\d+[a-zđ]?)\s+(?:của\s+)?(?:Luật|Bộ luật|Hiến pháp)\s+này/gi;

export function articleHref(docId: string, no: string, clause?: string | null): string {
  return `/thu-vien/luat/${docId}/dieu-${no}${clause ? `/khoan-${clause}` : ''}`;
}

/** Text with its references to documents of the library (and to this law's own articles) as links. */
export function linkText(text: string, catalog: Catalog, selfId: string | null): TextPart[] {
  const spans: { start: number; end: number; href: string; title: string }[] = [];
  for (const r of findReferences(text, catalog, selfId ?? undefined)) {
    if (!r.targetId) continue;
    spans.push({
      start: r.start,
      end: r.end,
      href: r.articleNo ? articleHref(r.targetId, r.articleNo, r.clauseNo) : `/thu-vien/luat/${r.targetId}`,
      title: r.label,
    });
  }
  if (selfId) {
    for (const m of text.matchAll(INTERNAL)) {
      const start = m.index;
      const end = start + m[0].length;
      if (spans.some((s) => start < s.end && end > s.start)) continue;
      spans.push({ start, end, href: articleHref(selfId, m[3]!.toLowerCase(), m[2]), title: m[0] });
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const parts: TextPart[] = [];
  let pos = 0;
  for (const s of spans) {
    if (s.start < pos) continue;
    if (s.start > pos) parts.push({ t: text.slice(pos, s.start) });
    parts.push({ t: text.slice(s.start, s.end), href: s.href });
    pos = s.end;
  }
  if (pos < text.length) parts.push({ t: text.slice(pos) });
  return parts;
}

/** An article as blocks: lead paragraphs, clauses (#khoan-N) and points (#khoan-N-diem-x). */
export function articleBlocks(a: Article, catalog: Catalog): ArticleBlock[] {
  const { lead, clauses } = clausesOf(a.body);
  const blocks: ArticleBlock[] = [];
  for (const line of lead)
    if (line.trim()) blocks.push({ anchor: null, label: null, level: 0, parts: linkText(line, catalog, a.documentId) });
  for (const c of clauses) {
    blocks.push({
      anchor: `khoan-${c.no}`,
      label: `${c.no}.`,
      level: 1,
      parts: linkText(c.text, catalog, a.documentId),
    });
    for (const p of c.points)
      blocks.push({
        anchor: `khoan-${c.no}-diem-${p.letter}`,
        label: `${p.letter})`,
        level: 2,
        parts: linkText(p.text, catalog, a.documentId),
      });
  }
  return blocks;
}

export function docSummary(d: LibraryDocument, replacedBy: LibraryDocument | null): DocSummary {
  return {
    id: d.id,
    number: d.number,
    title: d.title,
    docType: d.docType,
    issuer: d.issuer,
    issuedDate: d.issuedDate,
    effectiveDate: d.effectiveDate,
    status: d.status,
    statusDate: d.statusDate,
    statusNote: d.statusNote,
    replacedBy: replacedBy ? { id: replacedBy.id, title: replacedBy.title, number: replacedBy.number } : null,
    field: d.field,
    qualityNote: d.qualityNote,
    articleGaps: d.articleGaps,
  };
}

/** "Điều 10 Luật Mặt trận Tổ quốc Việt Nam số 75/2015/QH13" (with clause and point when given). */
export function citationOf(d: LibraryDocument, articleNo: string, clause?: string | null, point?: string | null) {
  const where = [point ? `Điểm ${point}` : null, clause ? `khoản ${clause}` : null, `Điều ${articleNo}`]
    .filter(Boolean)
    .join(' ');
  const cap = where.charAt(0).toUpperCase() + where.slice(1);
  return `${cap} ${d.title}${d.number ? ` số ${d.number}` : ''}`;
}
